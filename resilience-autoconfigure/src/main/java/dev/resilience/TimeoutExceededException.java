package dev.resilience;

import java.time.Duration;

import dev.resilience.policy.Durations;

/**
 * Thrown when a time limit of a policy passed: {@code timeout.attempt} for one attempt, or
 * {@code timeout.total} for the whole call ({@link #isTotal()}). The caller was released at the
 * limit; the abandoned attempt was interrupted and its eventual result discarded. Classified
 * transient: retried by the usual rules (not for a non-idempotent call, since the request may
 * have reached the other side), except that a passed total limit ends the call. Carries no stack
 * trace: it is expected, and frequent when a dependency hangs.
 */
public class TimeoutExceededException extends RuntimeException {

	private final String policy;

	private final Duration limit;

	private final boolean total;

	public TimeoutExceededException(String policy, Duration limit, boolean total) {
		// Suppression stays on: a call ended by its total limit carries the earlier attempts' failures.
		super(message(policy, limit, total), null, true, false);
		this.policy = policy;
		this.limit = limit;
		this.total = total;
	}

	private static String message(String policy, Duration limit, boolean total) {
		return (total ? "Call" : "Attempt") + " of policy '" + policy + "' ran past its "
				+ (total ? "timeout.total" : "timeout.attempt") + " of " + Durations.format(limit);
	}

	/** The policy whose limit passed. */
	public String getPolicy() {
		return this.policy;
	}

	/** The limit that passed: {@code timeout.attempt}, or {@code timeout.total} when {@link #isTotal()}. */
	public Duration getLimit() {
		return this.limit;
	}

	/** Whether the call's total limit passed (the call ends), not only the attempt's. */
	public boolean isTotal() {
		return this.total;
	}

}
