package dev.resilience.policy;

import java.util.Locale;

/** How a call ended (the {@code outcome} tag of {@code resilience.calls}). */
public enum CallOutcome {

	/** The first attempt succeeded. */
	SUCCESS,

	/** An attempt after a retry succeeded. */
	RECOVERED,

	/**
	 * Retrying ran out: max-attempts, max-elapsed-time, a Retry-After past max-retry-after, or the
	 * call's timeout.total.
	 */
	EXHAUSTED,

	/** A failure that must not be retried: permanent, or transient on a non-idempotent call. */
	ABORTED,

	/** An open circuit or a full bulkhead rejected the call. */
	REJECTED;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	public String tagValue() {
		return this.tagValue;
	}

}
