package dev.resilience.retry;

/**
 * The backoff formula as pure functions: the random draw is a parameter, so tests pass fixed
 * draws instead of mocking a random source.
 */
public final class BackoffMath {

	private BackoffMath() {
	}

	/**
	 * The wait before retry {@code retry} (1 = the first retry), in milliseconds, before jitter:
	 * {@code initial × multiplier^(n−1)} capped at max-interval, computed from the exponent each
	 * time so that no rounding accumulates. With immediate-first-retry the first retry waits 0
	 * and the sequence starts over from the initial interval on the second.
	 */
	public static double baseDelayMillis(BackoffSettings backoff, int retry) {
		int step = retry;
		if (backoff.immediateFirstRetry()) {
			if (retry == 1) {
				return 0;
			}
			step = retry - 1;
		}
		double initial = backoff.initialInterval().toNanos() / 1_000_000.0;
		double max = backoff.maxInterval().toNanos() / 1_000_000.0;
		double delay = initial * Math.pow(backoff.multiplier(), step - 1);
		return Math.min(delay, max);
	}

	/**
	 * Applies jitter {@code j} to a base wait {@code d}: with {@code c = min(d, max-interval)},
	 * uniform in {@code [c·(1−j), min(c·(1+j), max-interval)]} for a draw uniform in [0,1). The
	 * range is cut at the cap rather than the draw clamped to it, so waits that reached
	 * max-interval stay spread below it instead of piling up on it (a fleet would otherwise
	 * reconnect in lock-step once its waits are capped).
	 */
	public static double jitteredMillis(BackoffSettings backoff, double baseMillis, double draw) {
		double j = backoff.jitter();
		double max = backoff.maxInterval().toNanos() / 1_000_000.0;
		double capped = Math.min(baseMillis, max);
		double low = capped * (1 - j);
		double high = Math.min(capped * (1 + j), max);
		return low + (high - low) * draw;
	}

	/** The full wait before retry {@code retry} for one random draw in [0,1). */
	public static double delayMillis(BackoffSettings backoff, int retry, double draw) {
		return jitteredMillis(backoff, baseDelayMillis(backoff, retry), draw);
	}

}
