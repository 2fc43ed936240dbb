package dev.resilience.benchmarks;

/**
 * The work every subject wraps, so that each measures the same thing: a precomputed value
 * returned. Not thread-safe in {@link #flaky()}, which the failure benchmarks call from one thread.
 */
public class Work {

	private final String value = "result";

	private int attempts;

	/** The happy path. */
	public String call() {
		return this.value;
	}

	/** Fails every other attempt: the first attempt of each call fails, its retry succeeds. */
	public String flaky() {
		if ((this.attempts++ & 1) == 0) {
			throw TransientFailure.INSTANCE;
		}
		return this.value;
	}

	/** The same work as {@link #call()}, for a subject whose circuit is forced open. */
	public String rejected() {
		return this.value;
	}

}
