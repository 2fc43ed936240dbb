package dev.resilience.sample.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTableTests {

	@Test
	void rendersOneAlignedRowPerCaseThenNotesThenATally() {
		ScenarioReport first = ScenarioReport.of(1, "One",
				List.of(new CaseReport("short", "failed", 1, List.of(), "closed", "did one thing", true)),
				List.of("scaled"));
		ScenarioReport second = ScenarioReport.of(2, "Two",
				List.of(new CaseReport("a longer case", "recovered", 3, List.of(12L, 25L), "closed", "waited", false)),
				List.of());

		List<String> lines = ReportTable.render(List.of(first, second)).lines().toList();

		assertThat(lines.get(0)).startsWith("#  case           outcome    attempts  waits (ms)  verdict");
		assertThat(lines.get(2)).startsWith("1  short          failed     1         -           prevented");
		assertThat(lines.get(4)).startsWith("2  a longer case  recovered  3         12, 25      NOT prevented");
		assertThat(lines).contains("Note on 1: scaled", "1 of 2 incidents prevented: 1 prevented, 2 NOT prevented");
	}

}
