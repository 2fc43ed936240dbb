package dev.resilience.sample.reverse;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.resilience.sample.RecordingSleeper;
import dev.resilience.sample.SampleAppTest;
import dev.resilience.sample.ScenarioClient;
import dev.resilience.sample.downstream.ClosedPort;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.ScenarioReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Incident 2: a reverse WebSocket to a closed port, every attempt throwing (fast profile: 10ms ×2
 * ±50%, at most 200ms, 5 attempts).
 */
@SampleAppTest
class ReverseWebSocketScenarioTests {

	@Autowired
	private ScenarioClient scenarios;

	@Autowired
	private RecordingSleeper sleeper;

	@Autowired
	private ClosedPort closedPort;

	@BeforeEach
	void forgetEarlierWaits() {
		this.sleeper.clear();
	}

	/**
	 * The pauses are measured between the starts of attempts, so the first one also holds the
	 * first connect of a cold WebSocket client (its container's classes loading, which a loaded
	 * machine may stretch past the slack): one refused connect beforehand leaves only the waits.
	 */
	@BeforeEach
	void warmTheWebSocketClient() {
		URI refused = URI.create("ws://127.0.0.1:" + this.closedPort.port() + "/warm-up");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> new StandardWebSocketClient()
			.execute(new TextWebSocketHandler(), new WebSocketHttpHeaders(), refused).get());
	}

	@Test
	void everyReconnectAfterAThrownExceptionWaitedAJitteredGrowingBoundedBackoff() {
		ScenarioReport report = this.scenarios.run(2);

		CaseReport refused = report.cases().get(0);
		assertThat(refused.outcome()).isEqualTo("failed");
		assertThat(refused.attempts()).isEqualTo(5);
		List<Long> waits = this.sleeper.waitsOf("resilience-supervised-reverse-ws");
		assertThat(waits).hasSize(4);
		long[] bases = { 10, 20, 40, 80 };
		for (int i = 0; i < waits.size(); i++) {
			assertThat(waits.get(i)).as("wait %d", i + 1).isBetween(bases[i] / 2, bases[i] * 3 / 2);
		}
		assertThat(waits).as("jittered").isNotEqualTo(List.of(10L, 20L, 40L, 80L));
		for (int i = 0; i < waits.size(); i++) {
			assertThat(refused.waitsMs().get(i)).as("pause %d between attempts", i + 1)
				.isGreaterThanOrEqualTo(waits.get(i));
		}
		assertThat(report.verdict()).isEqualTo(ScenarioReport.PREVENTED);
	}

}
