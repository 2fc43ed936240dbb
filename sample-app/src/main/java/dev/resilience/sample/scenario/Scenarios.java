package dev.resilience.sample.scenario;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/** Every {@link Scenario} bean of the application, by number. */
@Component
public class Scenarios {

	private final List<Scenario> all;

	public Scenarios(List<Scenario> scenarios) {
		this.all = scenarios.stream().sorted(Comparator.comparingInt(Scenario::number)).toList();
	}

	public List<Scenario> all() {
		return this.all;
	}

	public Optional<Scenario> find(int number) {
		return this.all.stream().filter((scenario) -> scenario.number() == number).findFirst();
	}

}
