package dev.resilience;

/**
 * Thrown when a policy's bulkhead had no place for a call within {@code bulkhead.max-wait}: the
 * call was rejected without reaching the method (outcome {@code rejected}). Carries no stack
 * trace: it is expected, and frequent when a dependency hangs.
 */
public class BulkheadFullException extends RuntimeException {

	private final String policy;

	private final int maxConcurrentCalls;

	public BulkheadFullException(String policy, int maxConcurrentCalls) {
		super("Bulkhead of policy '" + policy + "' is full: " + maxConcurrentCalls
				+ " calls are in flight (bulkhead.max-concurrent-calls); the call was rejected", null, false, false);
		this.policy = policy;
		this.maxConcurrentCalls = maxConcurrentCalls;
	}

	/** The policy whose bulkhead rejected the call. */
	public String getPolicy() {
		return this.policy;
	}

	/** The policy's {@code bulkhead.max-concurrent-calls}. */
	public int getMaxConcurrentCalls() {
		return this.maxConcurrentCalls;
	}

}
