package dev.resilience.sample.backoff;

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
 * Incident 4 (fast profile: quotes 50ms ×1.5 ±50%; quotes-budget 200ms ×1.5 without jitter,
 * max-elapsed-time 900ms; custom steps 20, 40, 80ms).
 */
@SampleAppTest
class BackoffScenarioTests {

	@Autowired
	private ScenarioClient scenarios;

	@Autowired
	private RecordingSleeper sleeper;

	@BeforeEach
	void forgetEarlierWaits() {
		this.sleeper.clear();
	}

	@Test
	void backoffSequenceAndTimeBudgetMatchTheConfiguredValues() {
		ScenarioReport report = this.scenarios.run(4);

		assertThat(report.cases()).extracting(CaseReport::name)
			.containsExactly("exponential backoff + jitter", "429 with Retry-After: 1", "permanent error",
					"max elapsed time", "fallback", "custom backoff bean");
		assertThat(report.cases()).allSatisfy((item) -> assertThat(item.prevented()).as(item.name()).isTrue());
		assertThat(report.verdict()).isEqualTo(ScenarioReport.PREVENTED);

		List<Long> waits = this.sleeper.callerWaits();
		assertThat(waits).hasSize(3 + 1 + 0 + 2 + 2 + 3);
		// quotes: 50ms ×1.5^(n−1), each drawn from [d·0.5, d·1.5]
		assertThat(waits.get(0)).isBetween(25L, 75L);
		assertThat(waits.get(1)).isBetween(37L, 113L);
		assertThat(waits.get(2)).isBetween(56L, 169L);
		// 429 with Retry-After: 1 → max(1000ms, backoff ≤ 75ms)
		assertThat(waits.get(3)).isEqualTo(1000L);
		// a @Permanent exception: one attempt, no wait
		assertThat(report.cases().get(2).attempts()).isEqualTo(1);
		assertThat(report.cases().get(2).outcome()).isEqualTo("failed: DelistedSymbolException");
		// quotes-budget: 200, 300; the next (450) would end past 900ms, so the call stops
		assertThat(waits.subList(4, 6)).containsExactly(200L, 300L);
		assertThat(report.cases().get(3).attempts()).isEqualTo(3);
		assertThat(report.cases().get(3).outcome()).isEqualTo("failed: ServiceUnavailable");
		// the same budget, then the fallback's stale quote instead of the failure
		assertThat(waits.subList(6, 8)).containsExactly(200L, 300L);
		assertThat(report.cases().get(4).outcome()).isEqualTo("fallback: stale quote");
		// quotes-custom: the StepBackOffPolicy bean's steps
		assertThat(waits.subList(8, 11)).containsExactly(20L, 40L, 80L);
	}

}
