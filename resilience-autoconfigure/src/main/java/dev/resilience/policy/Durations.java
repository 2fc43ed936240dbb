package dev.resilience.policy;

import java.time.Duration;

/** Durations written as in {@code application.yml}: Spring's simple form, largest exact unit. */
public final class Durations {

	private static final long[] NANOS = { 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L,
			1_000_000L, 1_000L, 1L };

	private static final String[] SUFFIXES = { "d", "h", "m", "s", "ms", "us", "ns" };

	private Durations() {
	}

	/** For example {@code "100ms"}, {@code "30s"}, {@code "1500ms"}; {@code null} stays null. */
	public static String format(Duration duration) {
		if (duration == null) {
			return null;
		}
		if (duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L) {
			// Too long for nanoseconds (an invalid setting being reported): whole seconds will do.
			return duration.getSeconds() + "s";
		}
		long nanos = duration.toNanos();
		if (nanos == 0) {
			return "0ms";
		}
		for (int i = 0; i < NANOS.length; i++) {
			if (nanos % NANOS[i] == 0) {
				return (nanos / NANOS[i]) + SUFFIXES[i];
			}
		}
		return nanos + "ns";
	}

}
