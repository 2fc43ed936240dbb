package dev.resilience.retry;

import java.time.Duration;

/**
 * Exponential backoff with jitter, as configured under {@code retry.backoff}. Immutable.
 *
 * @param initialInterval wait before the first retry
 * @param multiplier growth per retry; {@code 1.0} is a fixed interval
 * @param maxInterval cap on one wait (before and after jitter)
 * @param jitter randomization factor in [0,1]
 * @param immediateFirstRetry whether the first retry happens at once
 */
public record BackoffSettings(Duration initialInterval, double multiplier, Duration maxInterval, double jitter,
		boolean immediateFirstRetry) {

	/** The contract's defaults: 100ms, ×2, at most 10s, jitter 0.5, no immediate first retry. */
	public static BackoffSettings defaults() {
		return new BackoffSettings(Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), 0.5, false);
	}

}
