package dev.resilience.limit;

import java.time.Duration;

/**
 * A policy's bulkhead ({@code bulkhead.*}), validated. Immutable.
 *
 * @param maxConcurrentCalls at most this many calls at once, or {@code null} for no bulkhead
 * @param maxWait how long a call may wait for a place before it is rejected ({@code 0}: not at all)
 */
public record BulkheadSettings(Integer maxConcurrentCalls, Duration maxWait) {

	private static final BulkheadSettings NONE = new BulkheadSettings(null, Duration.ZERO);

	/** No bulkhead: any number of calls at once. */
	public static BulkheadSettings none() {
		return NONE;
	}

	/** Whether calls are bounded. */
	public boolean bounded() {
		return this.maxConcurrentCalls != null;
	}

}
