package dev.resilience.retry;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One policy's retry budget (§15, the algorithm of Finagle's and Linkerd's): over any window,
 * retries are at most ratio × the calls started in it plus a reserve of min-retries-per-second ×
 * its seconds.
 * <p>
 * The success path costs nothing here: a call whose first attempt succeeds is already counted
 * by the policy's call counts, which this budget reads as {@code successes}; a call whose first
 * attempt fails is counted by {@link #firstAttemptFailed()} (one {@link LongAdder} increment, on
 * the failure path). A call therefore counts when its first attempt ends. The window is a ring
 * of {@value #SLICES} time slices, moved on only when a retry asks or the budget is read: the
 * calls counted since the last move are spread over the time that passed, slice by slice. That
 * bookkeeping runs under this object's lock, on failure paths and reads only.
 * <p>
 * Slices make the budget conservative by at most one slice (5% of the window) on each side: the
 * calls it counts are those of the last 95–100% of the window, the retries those of the last
 * 100–105%, so that no span of one window ever holds more retries than the rule allows.
 * <p>
 * A changed window starts a fresh count. Thread-safe.
 */
public final class RetryBudget {

	/** Slices of the window (Finagle's and tower's budgets have 10). */
	static final int SLICES = 20;

	/** The ring holds one slice more than the window, for the retries of the slice leaving it. */
	private static final int RING = SLICES + 1;

	private final LongSupplier successes;

	private final LongSupplier nanoClock;

	private final LongAdder failedFirstAttempts = new LongAdder();

	private final LongAdder refused = new LongAdder();

	private final long origin;

	// The ring, guarded by this.

	private final double[] sliceCalls = new double[RING];

	private final long[] sliceRetries = new long[RING];

	private long sliceNanos;

	/** The current slice, counted from {@link #origin}. */
	private long slice;

	private long countedCalls;

	private long lastMove;

	/**
	 * @param successes calls so far whose first attempt succeeded (the policy's success count)
	 * @param nanoClock monotonic time in nanoseconds
	 */
	public RetryBudget(LongSupplier successes, LongSupplier nanoClock) {
		this.successes = successes;
		this.nanoClock = nanoClock;
		this.origin = nanoClock.getAsLong();
		this.lastMove = this.origin;
	}

	/** A call's first attempt failed: the call counts as started. */
	public void firstAttemptFailed() {
		this.failedFirstAttempts.increment();
	}

	/**
	 * Takes one retry from the budget if it has one.
	 * @return whether the retry may go; when not, the refusal is counted
	 */
	public boolean tryRetry(BudgetSettings settings) {
		synchronized (this) {
			moveOn(settings);
			if (retries() + 1 <= allowed(settings)) {
				this.sliceRetries[index(this.slice)]++;
				return true;
			}
		}
		this.refused.increment();
		return false;
	}

	/** Retries the budget would allow now (at least 0). */
	public long available(BudgetSettings settings) {
		synchronized (this) {
			moveOn(settings);
			return (long) Math.max(0, Math.floor(allowed(settings) - retries()));
		}
	}

	/** Retries refused since startup. */
	public long refused() {
		return this.refused.sum();
	}

	/** Calls of the current slice and the {@code SLICES − 1} before it. */
	private double allowed(BudgetSettings settings) {
		double calls = 0;
		for (long s = this.slice - SLICES + 1; s <= this.slice; s++) {
			calls += this.sliceCalls[index(s)];
		}
		return settings.ratio() * calls + settings.reserve();
	}

	/** Retries of the current slice and the {@code SLICES} before it. */
	private long retries() {
		long retries = 0;
		for (long count : this.sliceRetries) {
			retries += count;
		}
		return retries;
	}

	/** Brings the ring to now: drops slices that left the window, adds the calls since the last move. */
	private void moveOn(BudgetSettings settings) {
		long now = this.nanoClock.getAsLong();
		long sliceNanos = sliceNanos(settings.window());
		if (sliceNanos != this.sliceNanos) {
			clear();
			this.sliceNanos = sliceNanos;
			this.slice = sliceOf(now);
			this.lastMove = now;
		}
		long total = this.successes.getAsLong() + this.failedFirstAttempts.sum();
		long calls = total - this.countedCalls;
		this.countedCalls = total;
		long current = Math.max(this.slice, sliceOf(now));
		if (current - this.slice >= RING) {
			clear();
		}
		else {
			for (long s = this.slice + 1; s <= current; s++) {
				this.sliceCalls[index(s)] = 0;
				this.sliceRetries[index(s)] = 0;
			}
		}
		spread(calls, current, now);
		this.slice = current;
		this.lastMove = Math.max(this.lastMove, now);
	}

	/**
	 * Adds {@code calls}, made at unknown moments since the last move, to the slices of that time
	 * still in the window, in proportion to how much of that time each slice covers.
	 */
	private void spread(long calls, long current, long now) {
		if (calls <= 0) {
			return;
		}
		long elapsed = now - this.lastMove;
		if (elapsed <= 0) {
			this.sliceCalls[index(current)] += calls;
			return;
		}
		for (long s = Math.max(this.slice, current - SLICES + 1); s <= current; s++) {
			this.sliceCalls[index(s)] += calls * share(s, now, elapsed);
		}
	}

	/** The part of the time since the last move that falls in slice {@code s}. */
	private double share(long s, long now, long elapsed) {
		long start = this.origin + s * this.sliceNanos;
		long overlap = Math.min(now, start + this.sliceNanos) - Math.max(this.lastMove, start);
		return (overlap <= 0) ? 0 : (double) overlap / elapsed;
	}

	private void clear() {
		for (int i = 0; i < RING; i++) {
			this.sliceCalls[i] = 0;
			this.sliceRetries[i] = 0;
		}
	}

	private long sliceOf(long now) {
		return Math.max(0, now - this.origin) / this.sliceNanos;
	}

	private static int index(long slice) {
		return (int) Math.floorMod(slice, (long) RING);
	}

	private static long sliceNanos(Duration window) {
		long nanos = (window.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) ? Long.MAX_VALUE : window.toNanos();
		return Math.max(1, nanos / SLICES);
	}

}
