package dev.resilience;

import java.time.Instant;

/**
 * Thrown when a policy's circuit is open, or a server's {@code Retry-After} paused the policy
 * (§15), and the call was rejected without reaching the method. Carries no stack trace: it is
 * expected, frequent under an outage, and says all it needs to in its message.
 */
public class CircuitOpenException extends RuntimeException {

	private final String policy;

	private final Instant retryAt;

	private final boolean pausedByServer;

	public CircuitOpenException(String policy, Instant retryAt) {
		this(policy, retryAt, false);
	}

	/**
	 * @param pausedByServer whether a server's {@code Retry-After} paused the policy, rather than
	 * its circuit being open
	 */
	public CircuitOpenException(String policy, Instant retryAt, boolean pausedByServer) {
		super(null, null, false, false);
		this.policy = policy;
		this.retryAt = retryAt;
		this.pausedByServer = pausedByServer;
	}

	/** Built when asked for: a rejection is frequent under an outage, and most are never printed. */
	@Override
	public String getMessage() {
		if (this.pausedByServer) {
			return "Policy '" + this.policy + "' is paused: the server asked (Retry-After) not to call before "
					+ this.retryAt;
		}
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

	/** Whether a server's {@code Retry-After} paused the policy (§15) rather than its circuit being open. */
	public boolean isPausedByServer() {
		return this.pausedByServer;
	}

}
