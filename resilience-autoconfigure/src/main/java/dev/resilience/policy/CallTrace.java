package dev.resilience.policy;

/**
 * One call as a trace sees it: started by {@link PolicyMetrics#startCall()} before the breaker is
 * asked (the first attempt starts with it), then told when each later attempt starts, when each
 * attempt ends and when the call ends. {@link #NONE} unless the application traces; the happy path
 * then costs two calls of empty methods. Not thread-safe: one per call, used by one thread at a time.
 */
public interface CallTrace {

	/** Traces nothing. */
	CallTrace NONE = new CallTrace() {
	};

	/** The hot path: attempt 1 succeeded, and so did the call. */
	default void firstAttemptSucceeded() {
	}

	/**
	 * Attempt {@code attempt} (2 or later) starts, before the breaker is asked for it.
	 * @param wait the wait before it, as the retry log writes it ({@code "250ms"})
	 */
	default void attemptStarted(int attempt, String wait) {
	}

	/** The current attempt ended; {@code failure} is {@code null} on success. */
	default void attemptEnded(AttemptOutcome outcome, Throwable failure) {
	}

	/** The call ended, waits included, before any fallback runs. */
	default void callEnded(CallOutcome outcome) {
	}

}
