package dev.resilience.limit;

import java.time.Duration;

import dev.resilience.TimeoutExceededException;

/**
 * A policy's time limits ({@code timeout.*}), validated: positive, representable in nanoseconds,
 * and an attempt limit no longer than the total. Immutable.
 *
 * @param attempt the longest one attempt may run, or {@code null} for no limit
 * @param total the longest the whole call may run, waits included, or {@code null} for no limit
 */
public record TimeoutSettings(Duration attempt, Duration total) {

	private static final TimeoutSettings NONE = new TimeoutSettings(null, null);

	/** No limits: attempts run on the caller's thread. */
	public static TimeoutSettings none() {
		return NONE;
	}

	/** Whether either limit is set, so that attempts run on the starter's threads. */
	public boolean limited() {
		return this.attempt != null || this.total != null;
	}

	/** The attempt limit in nanoseconds, {@link Long#MAX_VALUE} without one. */
	public long attemptNanos() {
		return (this.attempt != null) ? this.attempt.toNanos() : Long.MAX_VALUE;
	}

	/** The total limit in nanoseconds, {@link Long#MAX_VALUE} without one. */
	public long totalNanos() {
		return (this.total != null) ? this.total.toNanos() : Long.MAX_VALUE;
	}

	/**
	 * How long an attempt starting {@code elapsedNanos} into its call may run: the least of the
	 * attempt's limit and what is left of the total; never negative, {@link Long#MAX_VALUE}
	 * without limits.
	 */
	public long attemptLimitNanos(long elapsedNanos) {
		long limit = attemptNanos();
		if (this.total != null) {
			limit = Math.min(limit, totalNanos() - elapsedNanos);
		}
		return Math.max(limit, 0L);
	}

	/**
	 * Whether the total, not the attempt's own limit, bounds an attempt starting
	 * {@code elapsedNanos} into its call (both ending together counts as the total).
	 */
	public boolean totalBounds(long elapsedNanos) {
		return this.total != null && (this.attempt == null || totalNanos() - elapsedNanos <= attemptNanos());
	}

	/** The failure of an attempt of {@code policy} cut off by the total ({@code total}) or by its own limit. */
	public TimeoutExceededException exceeded(String policy, boolean total) {
		return new TimeoutExceededException(policy, total ? this.total : this.attempt, total);
	}

}
