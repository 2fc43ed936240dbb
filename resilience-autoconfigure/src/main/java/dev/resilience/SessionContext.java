package dev.resilience;

/**
 * What a {@link Session} tells its supervisor, and may ask it. One per connection attempt;
 * thread-safe, so {@link #connected()} may be called from a client's callback thread.
 */
public interface SessionContext {

	/**
	 * Reports that the connection is established. From now on the supervisor measures how long it
	 * stays up: one up for {@code supervise.stable-after} resets the consecutive-failure count.
	 * Later calls, and calls after the session ended, are ignored.
	 */
	void connected();

	/** Whether the connection is being stopped ({@link Supervised#stop()} or shutdown). */
	boolean isStopping();

	/** The supervised connection's name. */
	String name();

}
