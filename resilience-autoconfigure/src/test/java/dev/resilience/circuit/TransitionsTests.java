package dev.resilience.circuit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransitionsTests {

	@Test
	void allowsTheAutomaticTransitions() {
		assertThat(Transitions.isLegal(CircuitState.CLOSED, CircuitState.OPEN)).isTrue();
		assertThat(Transitions.isLegal(CircuitState.OPEN, CircuitState.HALF_OPEN)).isTrue();
		assertThat(Transitions.isLegal(CircuitState.HALF_OPEN, CircuitState.CLOSED)).isTrue();
		assertThat(Transitions.isLegal(CircuitState.HALF_OPEN, CircuitState.OPEN)).isTrue();
	}

	@Test
	void allowsEveryStateToBeMovedToAManualTarget() {
		for (CircuitState from : CircuitState.values()) {
			for (CircuitState to : Transitions.MANUAL_TARGETS) {
				assertThat(Transitions.isLegal(from, to) || from == to).as(from + " -> " + to).isTrue();
			}
		}
	}

	@Test
	void allowsClosedToClosedAsAReset() {
		assertThat(Transitions.isLegal(CircuitState.CLOSED, CircuitState.CLOSED)).isTrue();
	}

	@Test
	void forbidsShortcutsAroundTheWait() {
		assertThat(Transitions.isLegal(CircuitState.CLOSED, CircuitState.HALF_OPEN)).isFalse();
		assertThat(Transitions.isLegal(CircuitState.FORCED_OPEN, CircuitState.HALF_OPEN)).isFalse();
		assertThat(Transitions.isLegal(CircuitState.FORCED_OPEN, CircuitState.OPEN)).isFalse();
		assertThat(Transitions.isLegal(CircuitState.DISABLED, CircuitState.OPEN)).isFalse();
		assertThat(Transitions.isLegal(CircuitState.OPEN, CircuitState.OPEN)).isFalse();
	}

	@Test
	void manualTargetsAreClosedForcedOpenAndDisabled() {
		assertThat(Transitions.MANUAL_TARGETS).containsExactly(CircuitState.CLOSED, CircuitState.FORCED_OPEN,
				CircuitState.DISABLED);
	}

}
