package dev.resilience.policy;

import dev.resilience.circuit.CircuitState;

/**
 * Where the executor reports what happened; the Micrometer implementation holds its meters in
 * fields resolved when it is built, so nothing is looked up per call. Implementations must be
 * thread-safe and must not throw.
 */
public interface PolicyMetrics {

	/** Records nothing: the application has no meter registry. */
	PolicyMetrics NONE = new PolicyMetrics() {
	};

	/**
	 * A call starts (its first attempt with it): what its trace is told. {@link CallTrace#NONE}
	 * unless the application has a tracer.
	 */
	default CallTrace startCall() {
		return CallTrace.NONE;
	}

	/** The hot path: attempt 1 succeeded, and so did the call, in {@code nanos}. */
	default void firstAttemptSucceeded(long nanos) {
	}

	/** One attempt ended; {@code failure} is {@code null} on success. */
	default void attempt(int attempt, AttemptOutcome outcome, Throwable failure, long nanos) {
	}

	/** One call ended, waits included. */
	default void call(CallOutcome outcome, long nanos) {
	}

	/**
	 * Attempt {@code attempt} was refused without running ({@code rejected}, 0 ns), and so the call
	 * ended {@code rejected} after {@code callNanos}.
	 */
	default void rejected(int attempt, RuntimeException rejection, long callNanos) {
		attempt(attempt, AttemptOutcome.REJECTED, rejection, 0L);
		call(CallOutcome.REJECTED, callNanos);
	}

	/** A backoff wait actually slept. */
	default void backoff(long nanos) {
	}

	/** A fallback replaced a failure. */
	default void fallback(CallOutcome cause) {
	}

	/** The circuit moved. */
	default void transition(CircuitState from, CircuitState to) {
	}

}
