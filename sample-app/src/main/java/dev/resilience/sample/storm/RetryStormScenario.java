package dev.resilience.sample.storm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import dev.resilience.policy.PolicyRegistry;
import dev.resilience.retry.BudgetSettings;
import dev.resilience.sample.downstream.DownstreamServers;
import dev.resilience.sample.downstream.MisbehavingServer;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.Circuits;
import dev.resilience.sample.report.ScenarioReport;
import dev.resilience.sample.scenario.Scenario;

/**
 * Incident 6: many callers retry against a server that fails 40% of its requests, below the
 * breaker's threshold, so the circuit stays closed and only retries decide the load. With the
 * retry budget (on by default) the server sees at most 1 + ratio requests per call, plus the
 * reserve; without it, about 1.6.
 */
@Component
public class RetryStormScenario implements Scenario {

	static final int CALLERS = 20;

	static final int CALLS_PER_CALLER = 50;

	private final StormClient client;

	private final MisbehavingServer server;

	private final PolicyRegistry registry;

	private final Circuits circuits;

	public RetryStormScenario(StormClient client, @Qualifier("stormServer") MisbehavingServer server,
			PolicyRegistry registry, Circuits circuits) {
		this.client = client;
		this.server = server;
		this.registry = registry;
		this.circuits = circuits;
	}

	@Override
	public int number() {
		return 6;
	}

	@Override
	public String incident() {
		return "The retry storm";
	}

	@Override
	public ScenarioReport run() throws Exception {
		Storm unbudgeted = storm(false, DownstreamServers.STORM_UNBUDGETED);
		Storm budgeted = storm(true, DownstreamServers.STORM_BUDGETED);
		BudgetSettings budget = this.registry.find("storm").settings().retry().budget();
		double reserve = budget.minRetriesPerSecond() * budget.window().toNanos() / 1e9;
		long windows = Math.max(1, (budgeted.elapsed.toNanos() + budget.window().toNanos() - 1)
				/ budget.window().toNanos());
		double bound = budgeted.calls * (1 + budget.ratio()) + reserve * windows;
		boolean held = budgeted.requests <= bound && budgeted.requests < unbudgeted.requests;
		CaseReport withBudget = new CaseReport("with the retry budget", budgeted.outcome(), budgeted.requests,
				List.of(), this.circuits.state("storm"),
				String.format("the server saw %.2f requests per call (at most 1 + %.1f + the reserve: %d); %d retries "
						+ "refused, those calls failed at once", budgeted.perCall(), budget.ratio(), (long) bound,
						this.registry.find("storm").retryBudget().refused()),
				held);
		CaseReport withoutBudget = new CaseReport("retry.budget.enabled=false", unbudgeted.outcome(),
				unbudgeted.requests, List.of(), this.circuits.state("storm-unbudgeted"),
				String.format("the server saw %.2f requests per call: every caller retried up to max-attempts, "
						+ "%d%% more load than with the budget", unbudgeted.perCall(),
						Math.round(100.0 * (unbudgeted.requests - budgeted.requests) / budgeted.requests)),
				held);
		return ScenarioReport.of(number(), incident(), List.of(withBudget, withoutBudget),
				List.of(CALLERS + " callers × " + CALLS_PER_CALLER + " calls per policy, max-attempts 4, a server "
						+ "answering 503 to 40% of requests: below the breaker's 50% threshold, so the circuit stays closed",
						"policy 'storm' lowers min-retries-per-second to " + (long) budget.minRetriesPerSecond()
								+ " (default 10) so that a run of " + budgeted.calls
								+ " calls shows the ratio rather than the reserve"));
	}

	private Storm storm(boolean withBudget, String path) throws Exception {
		this.server.reset(path);
		AtomicInteger failed = new AtomicInteger();
		ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
		long start = System.nanoTime();
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < CALLERS; i++) {
				done.add(callers.submit(() -> {
					for (int call = 0; call < CALLS_PER_CALLER; call++) {
						try {
							this.client.quote(withBudget);
						}
						catch (RuntimeException ex) {
							failed.incrementAndGet();
						}
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			callers.shutdownNow();
		}
		return new Storm(CALLERS * CALLS_PER_CALLER, this.server.hits(path).size(), failed.get(),
				Duration.ofNanos(System.nanoTime() - start));
	}

	private record Storm(int calls, int requests, int failed, Duration elapsed) {

		double perCall() {
			return (double) this.requests / this.calls;
		}

		String outcome() {
			return (this.calls - this.failed) + " of " + this.calls + " calls succeeded";
		}

	}

}
