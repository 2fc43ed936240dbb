package dev.resilience.sample.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The result of running one scenario: its cases, a verdict and notes (what was scaled down to
 * keep the run short).
 *
 * @param scenario the incident's number in SCENARIOS.md
 * @param incident the incident's title
 * @param verdict {@code prevented} when every case held, else {@code NOT prevented}
 * @param cases what happened, case by case
 * @param notes what the reader should know about the run, such as scaled intervals
 */
public record ScenarioReport(int scenario, String incident, String verdict, List<CaseReport> cases,
		List<String> notes) {

	public static final String PREVENTED = "prevented";

	public static final String NOT_PREVENTED = "NOT prevented";

	public ScenarioReport {
		cases = List.copyOf(cases);
		notes = List.copyOf(notes);
	}

	public static ScenarioReport of(int scenario, String incident, List<CaseReport> cases, List<String> notes) {
		boolean prevented = !cases.isEmpty() && cases.stream().allMatch(CaseReport::prevented);
		return new ScenarioReport(scenario, incident, prevented ? PREVENTED : NOT_PREVENTED, cases, notes);
	}

	@JsonIgnore
	public boolean isPrevented() {
		return PREVENTED.equals(this.verdict);
	}

}
