package dev.resilience.supervise;

import java.util.function.LongSupplier;

import dev.resilience.SessionContext;

/**
 * The context of one session run: remembers when the connection came up, so the supervisor can
 * tell a stable connection from an early end, on the monotonic clock. Thread-safe.
 */
final class SessionAttempt implements SessionContext {

	private final SupervisedConnection connection;

	private final LongSupplier nanoClock;

	private volatile boolean up;

	private volatile long connectedAt;

	private volatile boolean over;

	SessionAttempt(SupervisedConnection connection, LongSupplier nanoClock) {
		this.connection = connection;
		this.nanoClock = nanoClock;
	}

	@Override
	public synchronized void connected() {
		if (this.over || this.up) {
			return;
		}
		this.connectedAt = this.nanoClock.getAsLong();
		this.up = true;
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

	/** How long the connection was up at {@code nowNanos}, in millis, or -1 when it never reported up. */
	long upMillis(long nowNanos) {
		return this.up ? Math.max(0, nowNanos - this.connectedAt) / 1_000_000L : -1;
	}

}
