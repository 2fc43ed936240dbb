package dev.resilience.sample.scenario;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.resilience.sample.report.ScenarioReport;

/** {@code GET /scenarios} lists the scenarios; {@code GET /scenarios/{n}} runs one and reports. */
@RestController
public class ScenarioController {

	private final Scenarios scenarios;

	public ScenarioController(Scenarios scenarios) {
		this.scenarios = scenarios;
	}

	@GetMapping("/scenarios")
	public Map<Integer, String> list() {
		return this.scenarios.all()
			.stream()
			.collect(Collectors.toMap(Scenario::number, Scenario::incident, (a, b) -> a, TreeMap::new));
	}

	@GetMapping("/scenarios/{number}")
	public ScenarioReport run(@PathVariable int number) throws Exception {
		Scenario scenario = this.scenarios.find(number)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No scenario " + number));
		return scenario.run();
	}

}
