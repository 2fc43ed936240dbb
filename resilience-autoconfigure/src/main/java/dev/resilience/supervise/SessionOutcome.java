package dev.resilience.supervise;

import dev.resilience.classify.Verdict;

/** How one session of a supervised connection ended (not counting one ended by a stop). */
public enum SessionOutcome {

	/** The session returned: the stream closed or finished. */
	ENDED("ended"),

	/** The session threw a failure classified transient. */
	TRANSIENT_FAILURE("transient_failure"),

	/** The session threw a failure classified permanent: the connection stops in FAILED. */
	PERMANENT_FAILURE("permanent_failure");

	private final String tagValue;

	SessionOutcome(String tagValue) {
		this.tagValue = tagValue;
	}

	/** The value of the {@code outcome} tag. */
	public String tagValue() {
		return this.tagValue;
	}

	/**
	 * The outcome of a session that ended with {@code verdict}, {@code null} when it returned. A
	 * failure in {@code classifier.ignore} is a business outcome, so it counts as an end.
	 */
	static SessionOutcome of(Verdict verdict) {
		if (verdict == null || verdict.isIgnored()) {
			return ENDED;
		}
		return verdict.isPermanent() ? PERMANENT_FAILURE : TRANSIENT_FAILURE;
	}

}
