package dev.resilience.circuit;

import java.util.function.LongSupplier;

/**
 * The outcomes a closed circuit bases its verdict on. Thread-safe; totals are exact whenever
 * no record is in progress.
 */
interface SlidingWindow {

	/**
	 * Records one finished attempt and judges the totals right after it, read together so that
	 * the verdict never mixes counts of different instants.
	 * @param outcome the {@link Outcome} flags
	 * @param thresholds the judge
	 * @return whether {@link Thresholds#trips} holds for the totals after this record
	 */
	boolean record(int outcome, Thresholds thresholds);

	/** The totals now. */
	WindowTotals totals();

	/** A new, empty window of the configured type and size. */
	static SlidingWindow of(CircuitBreakerConfig config, LongSupplier nanoClock) {
		return switch (config.windowType()) {
			case COUNT_BASED -> new CountBasedWindow(config.slidingWindowSize());
			case TIME_BASED -> new TimeBasedWindow(config.slidingWindowSize(), nanoClock);
		};
	}

}
