package dev.resilience.circuit;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outcomes of the last {@code size} calls in a ring, with running totals: O(1) per record
 * and per read, no lock, no allocation.
 *
 * <p>A record claims the next slot from a sequence ({@code getAndIncrement}), swaps its code into
 * the slot ({@code getAndSet}, which hands back the outcome it evicts; skipped when the slot
 * already holds the same code) and adds the difference of the two to the totals. The totals are
 * one {@code AtomicLong} holding calls, failures and slow calls in three 21-bit fields rather than
 * three atomics, because a verdict needs the three counts of one instant: a single
 * {@code addAndGet} returns exactly that. The fields are signed: when more threads than slots
 * race, two records swapping the same slot may add their differences in either order, so a count
 * may dip below zero for an instant; a signed field decodes that dip as a small negative number
 * instead of borrowing from its neighbour. The sum of all differences does not depend on their
 * order, so the totals are exact whenever no record is in progress.
 *
 * <p>A fast success recorded into a full window of fast successes (the packed totals equal
 * {@code size}) changes nothing and is not written at all: every slot holds the same code, so
 * which one it would have taken does not matter. Thread-safe.
 */
final class CountBasedWindow implements SlidingWindow {

	/** The largest size: a count must fit a signed 21-bit field. */
	static final int MAX_SIZE = (1 << 20) - 1;

	private static final int FIELD_BITS = 21;

	private static final int SIGN_SHIFT = Long.SIZE - FIELD_BITS;

	/** Marks a slot holding an outcome; the {@link Outcome} flags sit in the lower bits. */
	private static final int RECORDED = 1 << 2;

	/** What each slot code adds to the packed totals, indexed by code. */
	private static final long[] WEIGHTS = new long[RECORDED << 1];

	static {
		for (int code = RECORDED; code < WEIGHTS.length; code++) {
			WEIGHTS[code] = 1 + (Outcome.isFailed(code) ? 1L << FIELD_BITS : 0)
					+ (Outcome.isSlow(code) ? 1L << (2 * FIELD_BITS) : 0);
		}
	}

	private final int size;

	private final AtomicIntegerArray slots;

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicLong totals = new AtomicLong();

	CountBasedWindow(int size) {
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("size must be in [1, " + MAX_SIZE + "]");
		}
		this.size = size;
		this.slots = new AtomicIntegerArray(size);
	}

	@Override
	public boolean record(int outcome, Thresholds thresholds) {
		if (outcome == 0 && this.totals.get() == this.size) {
			// A full window of fast successes: another one changes nothing, whichever slot it
			// takes, so it takes none. The healthy steady state then writes no shared memory.
			return thresholds.trips(this.size, 0, 0);
		}
		int slot = (int) (this.sequence.getAndIncrement() % this.size);
		int code = RECORDED | outcome;
		// Most records repeat the outcome they evict; leaving such a slot alone is the same as
		// swapping it with itself, and keeps its cache line shared between threads.
		int current = this.slots.get(slot);
		int evicted = (current == code) ? code : this.slots.getAndSet(slot, code);
		long delta = WEIGHTS[code] - WEIGHTS[evicted];
		long packed = (delta != 0) ? this.totals.addAndGet(delta) : this.totals.get();
		return thresholds.trips(field(packed, 0), field(packed, 1), field(packed, 2));
	}

	@Override
	public WindowTotals totals() {
		long packed = this.totals.get();
		return new WindowTotals(field(packed, 0), field(packed, 1), field(packed, 2));
	}

	/** Field {@code index} (0 calls, 1 failures, 2 slow calls), each lower field taken out first. */
	private static long field(long packed, int index) {
		long rest = packed;
		for (int i = 0; i < index; i++) {
			rest = (rest - signed(rest)) >> FIELD_BITS;
		}
		return signed(rest);
	}

	private static long signed(long value) {
		return (value << SIGN_SHIFT) >> SIGN_SHIFT;
	}

}
