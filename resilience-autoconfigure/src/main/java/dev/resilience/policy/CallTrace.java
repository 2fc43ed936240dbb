package dev.resilience.policy;

/**
 * One call as a trace sees it: started by {@link PolicyMetrics#startCall()} before the breaker is
 * asked (the first attempt starts with it), then told when each later attempt starts, when each
 * attempt ends and when the call ends. {@link #NONE} unless the application traces; the happy path
 * then costs two calls of empty methods.
 * <p>
 * The call and its current attempt are current on the thread that started them (so that what the
 * attempt does, an HTTP request, a log line, is seen inside them) until they end on that thread.
 * A caller whose attempt returns before it ends (an asynchronous method returned its future) calls
 * {@link #detach()} on that thread once the method has returned; the spans then end when told, on
 * any thread. Not thread-safe: one per call, used by one thread at a time.
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

	/**
	 * The thread that started the call or the current attempt leaves it before it ends (an
	 * asynchronous method returned): they stop being current on this thread.
	 */
	default void detach() {
	}

	/** The call ended, waits included, before any fallback runs. */
	default void callEnded(CallOutcome outcome) {
	}

	/**
	 * For a driver whose steps run inside another library's scopes (Reactor's): the call and its
	 * attempt stop being current on this thread, and the trace makes nothing current by itself
	 * from now on; the driver makes each attempt current where it runs the attempt's work, with
	 * {@link #enterAttempt()} and {@link #exitAttempt(Object)} in one frame.
	 */
	default void handOverScopes() {
	}

	/**
	 * Makes the running attempt current on this thread until {@link #exitAttempt(Object)}.
	 * @return what {@code exitAttempt} takes: {@code null} when nothing was made current
	 */
	default Object enterAttempt() {
		return null;
	}

	/** Ends, on the thread that entered, what {@link #enterAttempt()} made current. */
	default void exitAttempt(Object entered) {
	}

	/**
	 * The running attempt as Micrometer's context propagation knows it (its observation, the value
	 * of the key {@code micrometer.observation} in a Reactor context), or {@code null} when not
	 * traced or between attempts: a reactive attempt carries it in its subscriber context, so that
	 * what its work does when subscribed, on any thread (a {@code WebClient} request), is a child
	 * of the attempt.
	 */
	default Object attemptObservation() {
		return null;
	}

}
