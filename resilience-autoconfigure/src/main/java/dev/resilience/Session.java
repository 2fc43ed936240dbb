package dev.resilience;

/**
 * One connection's lifetime, written by the user and run by a supervisor (see
 * {@link Resilience#supervise(String, String, Session)}): connect, call
 * {@link SessionContext#connected()} once the connection is established, then consume until the
 * stream ends (return) or fails (throw). The supervisor decides whether and when to run it again.
 * A session should end promptly when its thread is interrupted: that is how it is stopped.
 */
@FunctionalInterface
public interface Session {

	/**
	 * Runs one connection until it ends.
	 * @param context tells the supervisor when the connection is up
	 * @throws Exception any failure; it is classified like a failed call's
	 */
	void run(SessionContext context) throws Exception;

}
