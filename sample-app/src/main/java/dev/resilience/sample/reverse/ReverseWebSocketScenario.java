package dev.resilience.sample.reverse;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.resilience.Supervised;
import dev.resilience.sample.report.BackoffShape;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.Circuits;
import dev.resilience.sample.report.Configured;
import dev.resilience.sample.report.Pauses;
import dev.resilience.sample.report.ScenarioReport;
import dev.resilience.sample.scenario.Scenario;

/**
 * Incident 2: a reverse WebSocket whose target port is closed. Every attempt throws; the starter
 * must wait its backoff after each one (the exception path included), with jitter, growing, and
 * give up after max-attempts.
 */
@Component
public class ReverseWebSocketScenario implements Scenario {

	private final ReverseConnection connection;

	private final Environment environment;

	private final Circuits circuits;

	public ReverseWebSocketScenario(ReverseConnection connection, Environment environment, Circuits circuits) {
		this.connection = connection;
		this.environment = environment;
		this.circuits = circuits;
	}

	@Override
	public int number() {
		return 2;
	}

	@Override
	public String incident() {
		return "The reconnect interval that was ignored on the error path";
	}

	@Override
	public ScenarioReport run() {
		Supervised supervised = this.connection.start();
		boolean ended = supervised.awaitStopped(Duration.ofSeconds(30));
		if (!ended) {
			supervised.stop();
		}
		List<Long> starts = this.connection.attemptStarts();
		List<Long> pauses = Pauses.betweenStarts(starts);
		BackoffShape shape = BackoffShape.of(this.environment, "reverse");
		int maxAttempts = Configured.maxAttempts(this.environment, "reverse");
		boolean held = ended && supervised.state() == Supervised.State.FAILED && starts.size() == maxAttempts
				&& shape.fits(pauses);
		CaseReport closedPort = new CaseReport("connection refused (closed port)",
				supervised.state().name().toLowerCase(Locale.ROOT), starts.size(), pauses,
				this.circuits.state("reverse"),
				"waited after every thrown ConnectException, " + shape.describe(pauses.size())
						+ "; gave up after max-attempts (" + maxAttempts + ")",
				held);
		return ScenarioReport.of(number(), incident(), List.of(closedPort),
				List.of("waits are real, measured between connection attempts; the sample's policy 'reverse' starts at "
						+ shape.initial().toMillis() + "ms (a production value would be about a second)"));
	}

}
