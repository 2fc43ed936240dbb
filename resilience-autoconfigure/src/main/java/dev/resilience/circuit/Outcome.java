package dev.resilience.circuit;

/**
 * The flags describing one recorded attempt, passed as a plain {@code int} so that recording
 * allocates nothing. Success and fast is {@code 0}; slowness is independent of failure.
 */
final class Outcome {

	/** The attempt failed transiently. */
	static final int FAILED = 1;

	/** The attempt took at least the slow-call duration threshold. */
	static final int SLOW = 1 << 1;

	private Outcome() {
	}

	static boolean isFailed(int outcome) {
		return (outcome & FAILED) != 0;
	}

	static boolean isSlow(int outcome) {
		return (outcome & SLOW) != 0;
	}

}
