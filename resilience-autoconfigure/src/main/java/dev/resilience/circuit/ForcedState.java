package dev.resilience.circuit;

/**
 * Where configuration holds a circuit ({@code circuit-breaker.forced-state}), so that a fleet can
 * be moved through its configuration system.
 */
public enum ForcedState {

	/** Not held: the circuit moves by its own rules. */
	NONE,

	/** Held {@link CircuitState#FORCED_OPEN}: every call is rejected. */
	FORCED_OPEN,

	/** Held {@link CircuitState#DISABLED}: every call passes, nothing is recorded. */
	DISABLED

}
