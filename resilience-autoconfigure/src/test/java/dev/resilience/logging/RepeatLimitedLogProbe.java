package dev.resilience.logging;

/** Lets tests in other packages see how much a {@link RepeatLimitedLog} remembers. */
public final class RepeatLimitedLogProbe {

	private RepeatLimitedLogProbe() {
	}

	public static int keyCount(RepeatLimitedLog log) {
		return log.keyCount();
	}

}
