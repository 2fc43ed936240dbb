package dev.resilience.circuit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitStateTests {

	@Test
	void tagValuesAreTheLowercaseNamesOfTheContract() {
		assertThat(CircuitState.values()).extracting(CircuitState::tagValue)
			.containsExactly("closed", "open", "half_open", "forced_open", "disabled");
	}

}
