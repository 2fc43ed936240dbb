package dev.resilience.sample.reverse;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.resilience.sample.RecordingSleeper;
import dev.resilience.sample.SampleAppTest;
import dev.resilience.sample.ScenarioClient;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.ScenarioReport;

import static org.assertj.core.api.Assertions.assertThat;

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

	@BeforeEach
	void forgetEarlierWaits() {
		this.sleeper.clear();
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
