package dev.resilience;

/** How a failure is treated: retried, ended at once, or passed through as a business outcome. */
public enum Classification {

	/** The other side may recover: retried, and recorded as a circuit-breaker failure. */
	TRANSIENT,

	/** Retrying cannot help (the call was wrong): not retried, not a circuit-breaker failure. */
	PERMANENT,

	/** A business outcome: neither retried nor recorded by the circuit breaker. */
	IGNORED

}
