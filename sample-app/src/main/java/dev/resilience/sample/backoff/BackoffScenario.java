package dev.resilience.sample.backoff;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.resilience.sample.downstream.DownstreamServers;
import dev.resilience.sample.downstream.MisbehavingServer;
import dev.resilience.sample.report.BackoffShape;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.Circuits;
import dev.resilience.sample.report.Configured;
import dev.resilience.sample.report.Observation;
import dev.resilience.sample.report.ScenarioReport;
import dev.resilience.sample.scenario.Scenario;

/**
 * Incident 4: cenkalti/backoff's semantics (exponential growth, jitter, max elapsed time,
 * permanent errors, retry-after, custom strategies), configured in {@code application.yml} and
 * measured against the quote server.
 */
@Component
public class BackoffScenario implements Scenario {

	private final QuoteClient quotes;

	private final MisbehavingServer server;

	private final Environment environment;

	private final Circuits circuits;

	private final StepBackOffPolicy customBackOff;

	public BackoffScenario(QuoteClient quotes, @Qualifier("quoteServer") MisbehavingServer server,
			Environment environment, Circuits circuits, StepBackOffPolicy customBackOff) {
		this.quotes = quotes;
		this.server = server;
		this.environment = environment;
		this.circuits = circuits;
		this.customBackOff = customBackOff;
	}

	@Override
	public int number() {
		return 4;
	}

	@Override
	public String incident() {
		return "The backoff library (cenkalti/backoff v5, Go)";
	}

	@Override
	public ScenarioReport run() {
		List<CaseReport> cases = List.of(exponential(), retryAfter(), permanent(), maxElapsedTime(), fallback(),
				custom());
		Duration budget = maxElapsedTime("quotes-budget");
		return ScenarioReport.of(number(), incident(), cases,
				List.of("all waits are real and measured by the quote server (end of one request to the next)",
						"policy 'quotes' uses cenkalti's defaults unscaled (500ms ×1.5, max 60s, jitter 0.5, max "
								+ "elapsed 15m); 'quotes-budget' shortens max-elapsed-time to " + budget.toMillis()
								+ "ms (and jitter to " + BackoffShape.of(this.environment, "quotes-budget").jitter()
								+ ") so that the run shows it stopping within seconds"));
	}

	private CaseReport exponential() {
		Observation seen = observe(DownstreamServers.FLAKY_QUOTE, () -> this.quotes.latest("FLAKY"));
		BackoffShape shape = BackoffShape.of(this.environment, "quotes");
		boolean held = seen.result().succeeded() && seen.attempts() == 4 && shape.fits(seen.pauses());
		return new CaseReport("exponential backoff + jitter", seen.outcome(), seen.attempts(), seen.pauses(),
				this.circuits.state("quotes"),
				"retried three 503s, waiting " + shape.describe(seen.attempts() - 1) + " (expected ranges)", held);
	}

	private CaseReport retryAfter() {
		Observation seen = observe(DownstreamServers.BUSY_QUOTE, () -> this.quotes.latest("BUSY"));
		boolean held = seen.result().succeeded() && seen.attempts() == 2 && seen.pauses().get(0) >= 1000;
		return new CaseReport("429 with Retry-After: 1", seen.outcome(), seen.attempts(), seen.pauses(),
				this.circuits.state("quotes"),
				"waited the server's Retry-After (1000ms) instead of the shorter computed backoff", held);
	}

	private CaseReport permanent() {
		Observation seen = observe(DownstreamServers.DELISTED_QUOTE, () -> this.quotes.latest("GONE"));
		boolean held = seen.result().failedWith(DelistedSymbolException.class) && seen.attempts() == 1;
		return new CaseReport("permanent error", seen.outcome(), seen.attempts(), List.of(),
				this.circuits.state("quotes"),
				"did not retry DelistedSymbolException (@Permanent, like backoff.Permanent(err))", held);
	}

	private CaseReport maxElapsedTime() {
		Observation seen = observe(DownstreamServers.DOWN_QUOTE, () -> this.quotes.latestWithinBudget("DOWN"));
		Duration budget = maxElapsedTime("quotes-budget");
		int maxAttempts = Configured.maxAttempts(this.environment, "quotes-budget");
		// The budget bounds the planned waits; a real sleep may overrun its plan a little.
		boolean held = !seen.result().succeeded() && seen.attempts() < maxAttempts
				&& seen.lastArrival().toMillis() <= budget.toMillis() + BackoffShape.lateMillis(this.environment);
		return new CaseReport("max elapsed time", seen.outcome(), seen.attempts(), seen.pauses(),
				this.circuits.state("quotes-budget"),
				"gave up after " + seen.result().elapsed().toMillis()
						+ "ms, before a wait that would end past max-elapsed-time " + budget.toMillis()
						+ "ms (max-attempts " + maxAttempts + " not reached)",
				held);
	}

	private CaseReport fallback() {
		Observation seen = observe(DownstreamServers.DOWN_QUOTE, () -> this.quotes.latestOrStale("DOWN"));
		boolean stale = seen.result().value() instanceof Quote quote && Double.isNaN(quote.price());
		boolean held = stale && seen.attempts() > 1;
		return new CaseReport("fallback", stale ? "fallback: stale quote" : seen.outcome(), seen.attempts(),
				seen.pauses(), this.circuits.state("quotes-budget"),
				"retried within the time budget, then returned the fallback's stale quote instead of failing", held);
	}

	private CaseReport custom() {
		Observation seen = observe(DownstreamServers.FLAKY_QUOTE,
				() -> this.quotes.latestWithCustomBackOff("FLAKY"));
		List<Duration> steps = this.customBackOff.steps();
		List<Long> pauses = seen.pauses();
		long late = BackoffShape.lateMillis(this.environment);
		boolean held = seen.result().succeeded() && seen.attempts() == 4;
		for (int i = 0; i < pauses.size() && held; i++) {
			long step = steps.get(Math.min(i, steps.size() - 1)).toMillis();
			held = pauses.get(i) >= step && pauses.get(i) <= step + late;
		}
		return new CaseReport("custom backoff bean", seen.outcome(), seen.attempts(), pauses,
				this.circuits.state("quotes-custom"),
				"waited as the policy-bean 'quoteBackOff' (a StepBackOffPolicy) said: "
						+ steps.stream().map((step) -> step.toMillis() + "ms").collect(Collectors.joining(", ")),
				held);
	}

	private Observation observe(String path, Callable<?> call) {
		return Observation.of(this.server, path, call);
	}

	private Duration maxElapsedTime(String policy) {
		return Configured.duration(this.environment, policy, "retry.max-elapsed-time", Duration.ofMinutes(15));
	}

}
