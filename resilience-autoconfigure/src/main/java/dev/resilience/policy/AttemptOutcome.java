package dev.resilience.policy;

import java.util.Locale;

/** How one attempt ended (the {@code outcome} tag of {@code resilience.attempts}). */
public enum AttemptOutcome {

	SUCCESS, TRANSIENT_FAILURE, PERMANENT_FAILURE, REJECTED;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	public String tagValue() {
		return this.tagValue;
	}

}
