package dev.resilience.sample.scenario;

import dev.resilience.sample.report.ScenarioReport;

/** One incident of SCENARIOS.md, reproduced against a local server. */
public interface Scenario {

	/** The incident's number in SCENARIOS.md, from 1. */
	int number();

	/** The incident's title. */
	String incident();

	/** Runs the scenario once, from a clean downstream, and reports what happened. */
	ScenarioReport run() throws Exception;

}
