package dev.resilience.supervise;

import java.time.Clock;

import dev.resilience.SessionContext;

/**
 * The context of one session run: remembers when the connection came up, so the supervisor can
 * tell a stable connection from an early end. Thread-safe.
 */
final class SessionAttempt implements SessionContext {

	private static final long NOT_CONNECTED = -1;

	private final SupervisedConnection connection;

	private final Clock clock;

	private volatile long connectedAt = NOT_CONNECTED;

	private volatile boolean over;

	SessionAttempt(SupervisedConnection connection, Clock clock) {
		this.connection = connection;
		this.clock = clock;
	}

	@Override
	public synchronized void connected() {
		if (this.over || this.connectedAt != NOT_CONNECTED) {
			return;
		}
		this.connectedAt = this.clock.millis();
		this.connection.connected();
	}

	@Override
	public boolean isStopping() {
		return this.connection.stopRequested();
	}

	@Override
	public String name() {
		return this.connection.name();
	}

	/** The session returned or threw: later {@link #connected()} calls are ignored. */
	synchronized void end() {
		this.over = true;
	}

	/** How long the connection was up at {@code now}, or -1 when it never reported up. */
	long upMillis(long now) {
		long at = this.connectedAt;
		return (at == NOT_CONNECTED) ? -1 : Math.max(0, now - at);
	}

}
