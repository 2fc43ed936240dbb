package dev.resilience.circuit;

import java.util.Locale;

/**
 * The states of a circuit breaker. {@link #tagValue()} is the form used in metrics tags, logs
 * and the actuator endpoint.
 */
public enum CircuitState {

	/** Calls pass and their outcomes are recorded; too many failures open the circuit. */
	CLOSED,

	/** Calls are rejected until the wait in open state has passed. */
	OPEN,

	/** A few trial calls pass; their outcomes decide between closed and open. */
	HALF_OPEN,

	/** Moved by hand: every call is rejected until moved again. */
	FORCED_OPEN,

	/** Switched off (by configuration or by hand): every call passes, nothing is recorded. */
	DISABLED;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * The lowercase tag value: {@code "closed"}, {@code "open"}, {@code "half_open"},
	 * {@code "forced_open"} or {@code "disabled"}.
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
