package dev.resilience;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Thrown when a policy's circuit is open, or a server's {@code Retry-After} paused the policy
 * (§15), and the call was rejected without reaching the method. Carries no stack trace: it is
 * expected, frequent under an outage, and says all it needs to in its message.
 */
public class CircuitOpenException extends RuntimeException {

	private final String policy;

	/** When the retry time is worked out on first use; {@code null} when it was given. */
	private final transient Supplier<Instant> retryAtSource;

	private volatile Instant retryAt;

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
		this.retryAtSource = null;
		this.retryAt = retryAt;
		this.pausedByServer = pausedByServer;
	}

	/**
	 * A rejection whose retry time is worked out when first asked for (most rejections never are):
	 * the open circuit's wait is kept on a monotonic clock, and dating it reads the wall clock.
	 * @param retryAt the refusing circuit's retry time, or {@code null} for a forced-open circuit
	 */
	public CircuitOpenException(String policy, Supplier<Instant> retryAt) {
		super(null, null, false, false);
		this.policy = policy;
		this.retryAtSource = retryAt;
		this.pausedByServer = false;
	}

	/** Built when asked for: a rejection is frequent under an outage, and most are never printed. */
	@Override
	public String getMessage() {
		Instant retryAt = getRetryAt();
		if (this.pausedByServer) {
			return "Policy '" + this.policy + "' is paused: the server asked (Retry-After) not to call before "
					+ retryAt;
		}
		return (retryAt != null)
				? "Circuit of policy '" + this.policy + "' is open; calls are rejected until " + retryAt
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
		Instant retryAt = this.retryAt;
		if (retryAt == null && this.retryAtSource != null) {
			retryAt = this.retryAtSource.get();
			this.retryAt = retryAt;
		}
		return retryAt;
	}

	/** A serialized copy carries the retry time itself: the circuit that worked it out stays here. */
	private void writeObject(ObjectOutputStream out) throws IOException {
		getRetryAt();
		out.defaultWriteObject();
	}

	/** Whether a server's {@code Retry-After} paused the policy (§15) rather than its circuit being open. */
	public boolean isPausedByServer() {
		return this.pausedByServer;
	}

}
