package dev.resilience.logging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;

/**
 * Writes identical warnings at most once per repeat interval: the next one written says how
 * many were suppressed in between. "Identical" is decided by a key the caller builds from what
 * makes two warnings the same (policy, outcome, exception class), never from free text.
 * The interval is measured on a monotonic clock: a step of the wall clock neither floods the log
 * nor silences it. Thread-safe; memory is bounded by the number of distinct keys, which callers
 * keep small.
 */
public final class RepeatLimitedLog {

	/** Beyond this many distinct keys, warnings are written without de-duplication. */
	private static final int MAX_KEYS = 4096;

	private final Logger logger;

	private final long repeatIntervalNanos;

	private final LongSupplier nanoClock;

	private final Map<Object, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * @param repeatInterval at most one identical warning per interval
	 * @param nanoClock monotonic nanoseconds ({@code System::nanoTime} outside tests)
	 */
	public RepeatLimitedLog(Logger logger, Duration repeatInterval, LongSupplier nanoClock) {
		this.logger = logger;
		this.repeatIntervalNanos = repeatInterval.toNanos();
		this.nanoClock = nanoClock;
	}

	/** Writes the warning unless one with the same key was written within the repeat interval. */
	public void warn(Object key, Supplier<String> message) {
		if (!this.logger.isWarnEnabled()) {
			return;
		}
		long suppressed = admit(key);
		if (suppressed < 0) {
			return;
		}
		String text = message.get();
		this.logger.warn((suppressed > 0) ? text + " (" + suppressed + " identical warnings suppressed since the last)"
				: text);
	}

	/** How many distinct keys are remembered: bounded, whatever the number of warnings. */
	int keyCount() {
		return this.entries.size();
	}

	/** @return -1 to suppress this one, else how many were suppressed before it */
	private long admit(Object key) {
		long now = this.nanoClock.getAsLong();
		Entry entry = this.entries.get(key);
		if (entry == null) {
			if (this.entries.size() >= MAX_KEYS) {
				return 0;
			}
			entry = this.entries.computeIfAbsent(key, (k) -> new Entry());
		}
		synchronized (entry) {
			if (entry.written && now - entry.writtenAt < this.repeatIntervalNanos) {
				entry.suppressed++;
				return -1;
			}
			long suppressed = entry.suppressed;
			entry.written = true;
			entry.writtenAt = now;
			entry.suppressed = 0;
			return suppressed;
		}
	}

	private static final class Entry {

		boolean written;

		long writtenAt;

		long suppressed;

	}

}
