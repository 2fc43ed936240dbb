package dev.resilience.sample.watch;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.resilience.Supervised;
import dev.resilience.sample.downstream.DownstreamServers;
import dev.resilience.sample.downstream.Hit;
import dev.resilience.sample.downstream.MisbehavingServer;
import dev.resilience.sample.report.BackoffShape;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.Circuits;
import dev.resilience.sample.report.Configured;
import dev.resilience.sample.report.Pauses;
import dev.resilience.sample.report.ScenarioReport;
import dev.resilience.sample.scenario.Scenario;

/**
 * Incident 5: a watch stream that closes as soon as it opens. The starter must notice every end,
 * restart with backoff (never spin), give up after max-attempts quick ends, and write the
 * repeated warning once with a count of what it suppressed.
 */
@Component
public class WatchLoopScenario implements Scenario {

	private final ServiceWatcher watcher;

	private final MisbehavingServer server;

	private final Environment environment;

	private final Circuits circuits;

	public WatchLoopScenario(ServiceWatcher watcher, @Qualifier("watchServer") MisbehavingServer server,
			Environment environment, Circuits circuits) {
		this.watcher = watcher;
		this.server = server;
		this.environment = environment;
		this.circuits = circuits;
	}

	@Override
	public int number() {
		return 5;
	}

	@Override
	public String incident() {
		return "The watch loop that logged forever";
	}

	@Override
	public ScenarioReport run() {
		this.server.reset(DownstreamServers.WATCH);
		Supervised watch = this.watcher.start();
		boolean ended = watch.awaitStopped(Duration.ofSeconds(30));
		if (!ended) {
			watch.stop();
		}
		List<Hit> hits = this.server.hits(DownstreamServers.WATCH);
		List<Long> pauses = Pauses.between(hits);
		BackoffShape shape = BackoffShape.of(this.environment, "discovery");
		int maxAttempts = Configured.maxAttempts(this.environment, "discovery");
		Duration repeat = this.environment.getProperty("resilience.logging.repeat-interval", Duration.class,
				Duration.ofSeconds(30));
		boolean held = ended && watch.state() == Supervised.State.FAILED && hits.size() == maxAttempts
				&& shape.fits(pauses);
		CaseReport closing = new CaseReport("stream closes at once", watch.state().name().toLowerCase(Locale.ROOT),
				hits.size(), pauses, this.circuits.state("discovery"),
				"restarted the watch after each end, " + shape.describe(pauses.size()) + "; gave up after "
						+ maxAttempts + " ends before stable-after; the repeated WARN written once per "
						+ repeat.toMillis() + "ms with a suppressed count",
				held);
		return ScenarioReport.of(number(), incident(), List.of(closing),
				List.of("resilience.logging.repeat-interval is " + repeat.toMillis()
						+ "ms in the sample (default 30s) so that a run of about a second shows a suppressed count"));
	}

}
