package dev.resilience;

import java.time.Duration;

/**
 * The handle of a supervised connection, returned by
 * {@link Resilience#supervise(String, String, Session)}. Thread-safe.
 */
public interface Supervised {

	/** The current state. */
	State state();

	/**
	 * Stops the connection: a wait ends at once, a running session's thread is interrupted, and
	 * no new connection is made. Returns without waiting; see {@link #awaitStopped(Duration)}.
	 */
	void stop();

	/**
	 * Waits up to {@code timeout} for the supervisor's thread to end.
	 * @return {@code true} once it has ended, in {@link State#STOPPED} or {@link State#FAILED}
	 */
	boolean awaitStopped(Duration timeout);

	/** The states of a supervised connection. */
	enum State {

		/** A session is running and has not reported {@link SessionContext#connected()} yet. */
		CONNECTING,

		/** A session is running and reported the connection up. */
		CONNECTED,

		/** Between two sessions: waiting the policy's backoff. */
		WAITING,

		/** Stopped by {@link Supervised#stop()} or application shutdown. Final. */
		STOPPED,

		/** Given up: a permanent failure, or max-attempts consecutive failures. Final. */
		FAILED

	}

}
