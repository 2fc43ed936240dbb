package dev.resilience;

import java.time.Instant;

/**
 * Thrown when a policy's circuit is open and the call was rejected without reaching the method.
 * Carries no stack trace: it is expected, frequent under an outage, and says all it needs to in
 * its message.
 */
public class CircuitOpenException extends RuntimeException {

	private final String policy;

	private final Instant retryAt;

	public CircuitOpenException(String policy, Instant retryAt) {
		super(null, null, false, false);
		this.policy = policy;
		this.retryAt = retryAt;
	}

	/** Built when asked for: a rejection is frequent under an outage, and most are never printed. */
	@Override
	public String getMessage() {
		return (this.retryAt != null)
				? "Circuit of policy '" + this.policy + "' is open; calls are rejected until " + this.retryAt
				: "Circuit of policy '" + this.policy + "' is open; calls are rejected until it is closed";
	}

	/** The policy whose circuit rejected the call. */
	public String getPolicy() {
		return this.policy;
	}

	/**
	 * When the circuit may next let a call through, or {@code null} when it stays open until
	 * moved by hand (forced open).
	 */
	public Instant getRetryAt() {
		return this.retryAt;
	}

}
