package dev.resilience.retry;

/** How a backoff wait ended. */
public enum WaitResult {

	/** The full wait passed. */
	SLEPT,

	/** The thread was interrupted; its interrupt flag is set. */
	INTERRUPTED,

	/** The application is closing. */
	CLOSED

}
