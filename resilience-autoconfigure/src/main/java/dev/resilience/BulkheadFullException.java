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
		super(null, null, false, false);
		this.policy = policy;
		this.maxConcurrentCalls = maxConcurrentCalls;
	}

	/** Built when asked for: rejections are frequent when a dependency hangs, and most are never printed. */
	@Override
	public String getMessage() {
		return "Bulkhead of policy '" + this.policy + "' is full: " + this.maxConcurrentCalls
				+ " calls are in flight (bulkhead.max-concurrent-calls); the call was rejected";
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
