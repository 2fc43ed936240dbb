package dev.resilience.retry;

import java.time.Duration;

/**
 * Arithmetic of waits and limits that saturates instead of overflowing: a Retry-After of 10^20
 * seconds, a limit of 292 years or ten million attempts must end or wait, never wrap around.
 */
final class Saturated {

	/** The most milliseconds that still fit in a {@code long} of nanoseconds. */
	static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000L;

	private Saturated() {
	}

	/** Milliseconds, at most {@link #MAX_MILLIS}, never negative. */
	static long millis(Duration duration) {
		if (duration.getSeconds() >= MAX_MILLIS / 1000) {
			return MAX_MILLIS;
		}
		return Math.max(0, duration.toMillis());
	}

	static long nanos(Duration duration) {
		return (duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) ? Long.MAX_VALUE : duration.toNanos();
	}

	static long add(long a, long b) {
		long sum = a + b;
		return (((a ^ sum) & (b ^ sum)) < 0) ? Long.MAX_VALUE : sum;
	}

	static long multiply(long a, long b) {
		long high = Math.multiplyHigh(a, b);
		long product = a * b;
		return (high != 0 || product < 0) ? Long.MAX_VALUE : product;
	}

	static int increment(int n) {
		return (n == Integer.MAX_VALUE) ? n : n + 1;
	}

}
