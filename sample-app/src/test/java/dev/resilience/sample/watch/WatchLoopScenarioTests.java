package dev.resilience.sample.watch;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.resilience.sample.RecordingSleeper;
import dev.resilience.sample.SampleAppTest;
import dev.resilience.sample.ScenarioClient;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.ScenarioReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incident 5: a watch stream that closes at once (the sample's 20ms ×2 ±50%, at most 320ms,
 * 8 attempts; fast profile: identical warnings once per 400ms, so that the first two ends fall
 * within one interval and the waits alone outlast it).
 */
@SampleAppTest
@ExtendWith(OutputCaptureExtension.class)
class WatchLoopScenarioTests {

	@Autowired
	private ScenarioClient scenarios;

	@Autowired
	private RecordingSleeper sleeper;

	@BeforeEach
	void forgetEarlierWaits() {
		this.sleeper.clear();
	}

	@Test
	void closedStreamRestartsWithBackoffAndTheRepeatedWarningIsWrittenOnceWithASuppressedCount(
			CapturedOutput output) {
		ScenarioReport report = this.scenarios.run(5);

		CaseReport closing = report.cases().get(0);
		assertThat(closing.outcome()).isEqualTo("failed");
		assertThat(closing.attempts()).isEqualTo(8);
		List<Long> waits = this.sleeper.waitsOf("resilience-supervised-discovery-watch");
		assertThat(waits).hasSize(7);
		long[] bases = { 20, 40, 80, 160, 320, 320, 320 };
		for (int i = 0; i < waits.size(); i++) {
			assertThat(waits.get(i)).as("wait %d", i + 1).isBetween(bases[i] / 2, Math.min(bases[i] * 3 / 2, 320));
		}
		List<String> repeated = output.getOut()
			.lines()
			.filter((line) -> line.contains("'discovery-watch'") && line.contains("ended before it was stable"))
			.toList();
		assertThat(repeated).hasSizeLessThan(7);
		assertThat(repeated.get(0)).doesNotContain("suppressed");
		assertThat(repeated).anySatisfy((line) -> assertThat(line).containsPattern("\\(\\d+ identical warnings suppressed"));
		assertThat(output.getOut().lines().filter((line) -> line.contains("'discovery-watch'")
				&& line.contains("max-attempts (8) reached after 8 consecutive failures"))).hasSize(1);
		assertThat(report.verdict()).isEqualTo(ScenarioReport.PREVENTED);
	}

}
