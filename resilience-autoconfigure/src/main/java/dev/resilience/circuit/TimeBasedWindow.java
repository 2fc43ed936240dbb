package dev.resilience.circuit;

import java.util.function.LongSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The outcomes of the calls of the last {@code seconds} seconds, in one bucket per second of a
 * ring, with running totals. Bucket {@code s mod seconds} holds second {@code s} for the seconds
 * of the window; when the clock passes into a new second, the buckets of the seconds that left
 * the window are taken out of the totals and reset before reuse (at most {@code seconds} of
 * them, and only once per second). Seconds are counted on a monotonic clock, so a step of the
 * wall clock moves no call in or out of the window.
 *
 * <p>A short lock guards each record and read: resetting a bucket that another thread is adding
 * to cannot be made atomic with plain atomics without a retry protocol as costly as the lock,
 * and the critical section is a few array updates. A {@link ReentrantLock} rather than
 * {@code synchronized}, so that virtual threads do not pin. Thread-safe.
 */
final class TimeBasedWindow implements SlidingWindow {

	private final LongSupplier nanoClock;

	private final int seconds;

	private final long[] calls;

	private final long[] failures;

	private final long[] slowCalls;

	private final ReentrantLock lock = new ReentrantLock();

	private long latestSecond;

	private long totalCalls;

	private long totalFailures;

	private long totalSlowCalls;

	TimeBasedWindow(int seconds, LongSupplier nanoClock) {
		if (seconds < 1) {
			throw new IllegalArgumentException("seconds must be at least 1");
		}
		this.nanoClock = nanoClock;
		this.seconds = seconds;
		this.calls = new long[seconds];
		this.failures = new long[seconds];
		this.slowCalls = new long[seconds];
		this.latestSecond = epochSecond();
	}

	@Override
	public boolean record(int outcome, Thresholds thresholds) {
		long now = epochSecond();
		this.lock.lock();
		try {
			int bucket = advanceTo(now);
			this.calls[bucket]++;
			this.totalCalls++;
			if (Outcome.isFailed(outcome)) {
				this.failures[bucket]++;
				this.totalFailures++;
			}
			if (Outcome.isSlow(outcome)) {
				this.slowCalls[bucket]++;
				this.totalSlowCalls++;
			}
			return thresholds.trips(this.totalCalls, this.totalFailures, this.totalSlowCalls);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public WindowTotals totals() {
		long now = epochSecond();
		this.lock.lock();
		try {
			advanceTo(now);
			return new WindowTotals(this.totalCalls, this.totalFailures, this.totalSlowCalls);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Resets the buckets of the seconds that left the window; returns the bucket of now. */
	private int advanceTo(long now) {
		if (now > this.latestSecond) {
			long first = Math.max(this.latestSecond + 1, now - this.seconds + 1);
			for (long second = first; second <= now; second++) {
				reset(bucket(second));
			}
			this.latestSecond = now;
		}
		return bucket(this.latestSecond);
	}

	private void reset(int bucket) {
		this.totalCalls -= this.calls[bucket];
		this.totalFailures -= this.failures[bucket];
		this.totalSlowCalls -= this.slowCalls[bucket];
		this.calls[bucket] = 0;
		this.failures[bucket] = 0;
		this.slowCalls[bucket] = 0;
	}

	private int bucket(long second) {
		return (int) Math.floorMod(second, (long) this.seconds);
	}

	private long epochSecond() {
		return Math.floorDiv(this.nanoClock.getAsLong(), 1_000_000_000L);
	}

}
