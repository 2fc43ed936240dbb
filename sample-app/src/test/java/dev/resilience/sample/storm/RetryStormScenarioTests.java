package dev.resilience.sample.storm;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.resilience.sample.SampleAppTest;
import dev.resilience.sample.ScenarioClient;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.ScenarioReport;

import static org.assertj.core.api.Assertions.assertThat;

/** Incident 6: 1,000 calls per policy against a server failing 40% of requests. */
@SampleAppTest
class RetryStormScenarioTests {

	@Autowired
	private ScenarioClient scenarios;

	@Test
	void theBudgetKeepsTheServersLoadNearOnePlusTheRatioWhileRetriesWithoutItAddSixtyPercent() {
		ScenarioReport report = this.scenarios.run(6);

		assertThat(report.isPrevented()).isTrue();
		CaseReport budgeted = report.cases().get(0);
		CaseReport unbudgeted = report.cases().get(1);
		int calls = RetryStormScenario.CALLERS * RetryStormScenario.CALLS_PER_CALLER;
		assertThat(budgeted.attempts()).as("requests the server saw with the budget")
			.isBetween(calls, (int) (calls * 1.2) + 10 * 2);
		assertThat(unbudgeted.attempts()).as("requests without the budget: about 1.6 per call")
			.isBetween((int) (calls * 1.5), (int) (calls * 1.7));
		assertThat(budgeted.breakerState()).isEqualTo("closed");
		assertThat(unbudgeted.breakerState()).isEqualTo("closed");
	}

}
