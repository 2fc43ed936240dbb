package dev.resilience.sample.flags;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.resilience.Supervised;
import dev.resilience.sample.downstream.FlagServer;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.Circuits;
import dev.resilience.sample.report.ScenarioReport;
import dev.resilience.sample.scenario.Scenario;

/**
 * Incident 1: a WebSocket client with a wrong API key. The server rejects the handshake with 401;
 * the starter must not reconnect at all, and must say that the credentials were rejected.
 */
@Component
public class WrongApiKeyScenario implements Scenario {

	private final FeatureFlagClient client;

	private final FlagServer server;

	private final Circuits circuits;

	public WrongApiKeyScenario(FeatureFlagClient client, FlagServer server, Circuits circuits) {
		this.client = client;
		this.server = server;
		this.circuits = circuits;
	}

	@Override
	public int number() {
		return 1;
	}

	@Override
	public String incident() {
		return "The wrong API key that retried forever";
	}

	@Override
	public ScenarioReport run() {
		this.server.reset();
		Supervised stream = this.client.connect();
		boolean ended = stream.awaitStopped(Duration.ofSeconds(10));
		if (!ended) {
			stream.stop();
		}
		int handshakes = this.server.handshakes();
		Supervised.State state = stream.state();
		boolean held = ended && state == Supervised.State.FAILED && handshakes == 1;
		CaseReport wrongKey = new CaseReport("401 on the WebSocket handshake",
				state.name().toLowerCase(Locale.ROOT), handshakes, List.of(), this.circuits.state("flags"),
				"classified the 401 as rejected credentials (permanent): no reconnect, one WARN saying so", held);
		return ScenarioReport.of(number(), incident(), List.of(wrongKey),
				List.of("the client sends sample.flags.api-key; the server only accepts sample.flags.server-key"));
	}

}
