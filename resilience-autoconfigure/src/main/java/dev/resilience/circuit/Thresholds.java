package dev.resilience.circuit;

import java.time.Duration;

/**
 * The thresholds of a configuration, read once: classifies an attempt's duration and judges
 * totals of calls, failures and slow calls. Rates are {@code 100f * part / calls}. Immutable.
 */
final class Thresholds {

	private static final long NO_SLOW_CALLS = -1;

	private final int minimumCalls;

	private final float failureRate;

	private final long slowCallNanos;

	private final float slowCallRate;

	Thresholds(CircuitBreakerConfig config) {
		this.minimumCalls = config.minimumNumberOfCalls();
		this.failureRate = config.failureRateThreshold();
		this.slowCallNanos = toNanos(config.slowCallDurationThreshold());
		this.slowCallRate = config.slowCallRateThreshold();
	}

	private static long toNanos(Duration duration) {
		if (duration == null) {
			return NO_SLOW_CALLS;
		}
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	/** The {@link Outcome} flags of an attempt that took {@code durationNanos}. */
	int outcome(boolean failed, long durationNanos) {
		int outcome = failed ? Outcome.FAILED : 0;
		if (this.slowCallNanos != NO_SLOW_CALLS && durationNanos >= this.slowCallNanos) {
			outcome |= Outcome.SLOW;
		}
		return outcome;
	}

	/** Whether a closed circuit with these totals in its window opens. */
	boolean trips(long calls, long failures, long slowCalls) {
		return calls >= this.minimumCalls && exceeded(calls, failures, slowCalls);
	}

	/** Whether the failure or slow-call rate reaches its threshold, whatever the number of calls. */
	boolean exceeded(long calls, long failures, long slowCalls) {
		if (calls <= 0) {
			return false;
		}
		return rate(failures, calls) >= this.failureRate
				|| (this.slowCallNanos != NO_SLOW_CALLS && rate(slowCalls, calls) >= this.slowCallRate);
	}

	/** The rate to report: {@code -1} below the minimum number of calls. */
	float reported(long part, long calls) {
		return (calls < this.minimumCalls) ? -1f : rate(part, calls);
	}

	static float rate(long part, long calls) {
		return 100f * part / calls;
	}

}
