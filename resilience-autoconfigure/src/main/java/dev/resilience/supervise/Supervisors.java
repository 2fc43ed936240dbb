package dev.resilience.supervise;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.resilience.Session;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.policy.Policy;
import dev.resilience.retry.Waiter;

/**
 * Every supervised connection of the application by name, tied to the application context:
 * when it closes ({@link #close()}, called by the auto-configuration as the context starts
 * closing, not when it is merely stopped), each connection is stopped, its thread interrupted and
 * joined (within {@link #JOIN_TIMEOUT} for all together). Thread-safe.
 */
public final class Supervisors {

	/** How long shutdown waits, in total, for the supervisor threads to end. */
	static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

	/** Connections that ended by themselves (failed) and stay visible until stopped: at most this many. */
	static final int MAX_ENDED = 100;

	private final Map<String, SupervisedConnection> connections = new ConcurrentHashMap<>();

	/** Ended but not stopped, oldest first; guarded by {@code this}. */
	private final Deque<SupervisedConnection> ended = new ArrayDeque<>();

	private final Waiter waiter;

	private final Clock clock;

	private final LongSupplier nanoClock;

	private final SupervisionLog log;

	private final SupervisedMetricsFactory metricsFactory;

	private volatile boolean closed;

	/**
	 * Supervisors that measure how long connections stay up on {@code clock} itself: for a clock
	 * that never steps, such as a test's that it moves by hand.
	 */
	public Supervisors(Waiter waiter, Clock clock, RepeatLimitedLog warnings, SupervisedMetricsFactory metricsFactory) {
		this(waiter, clock, () -> clock.millis() * 1_000_000L, warnings, metricsFactory);
	}

	/**
	 * @param waiter every backoff wait goes through it (a user's {@code Sleeper}, shutdown)
	 * @param clock dates the next attempt
	 * @param nanoClock monotonic nanoseconds ({@code System::nanoTime}): how long connections stay up
	 * @param warnings the de-duplicating log for the warnings of repeated ends
	 * @param metricsFactory builds each connection's meters
	 */
	public Supervisors(Waiter waiter, Clock clock, LongSupplier nanoClock, RepeatLimitedLog warnings,
			SupervisedMetricsFactory metricsFactory) {
		this.waiter = waiter;
		this.clock = clock;
		this.nanoClock = nanoClock;
		this.log = new SupervisionLog(warnings);
		this.metricsFactory = metricsFactory;
	}

	/**
	 * Starts supervising {@code session} under {@code policy} on a new thread.
	 * @throws IllegalStateException when a connection of that name is still running, or the
	 * application is shutting down
	 */
	public synchronized SupervisedConnection supervise(String name, Policy policy, Session session) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A supervised connection needs a name");
		}
		if (session == null) {
			throw new IllegalArgumentException("Supervised connection '" + name + "' needs a session");
		}
		if (this.closed) {
			throw new IllegalStateException(
					"Supervised connection '" + name + "' cannot start: the application is shutting down");
		}
		SupervisedConnection existing = this.connections.get(name);
		if (existing != null && !existing.isFinished()) {
			throw new IllegalStateException("A supervised connection named '" + name
					+ "' is still running; stop it first or choose another name");
		}
		if (existing != null) {
			forget(existing);
		}
		SupervisedConnection connection = new SupervisedConnection(name, policy, this::ended);
		connection.bindMetrics(this.metricsFactory.create(connection));
		this.connections.put(name, connection);
		connection.start(new ReconnectLoop(connection, session, this.waiter, this.clock, this.nanoClock, this.log));
		return connection;
	}

	/**
	 * Its thread has ended, or its handle was stopped after that: a stopped connection is
	 * forgotten at once; one that ended by itself stays visible until stopped, the oldest
	 * forgotten beyond {@link #MAX_ENDED}.
	 */
	private synchronized void ended(SupervisedConnection connection) {
		if (connection.stopRequested()) {
			forget(connection);
			return;
		}
		if (this.connections.get(connection.name()) != connection || this.ended.contains(connection)) {
			return;
		}
		this.ended.addLast(connection);
		while (this.ended.size() > MAX_ENDED) {
			forget(this.ended.peekFirst());
		}
	}

	/** Gone from {@link #all()}, its meters removed; idempotent. */
	private synchronized void forget(SupervisedConnection connection) {
		this.ended.remove(connection);
		if (this.connections.remove(connection.name(), connection)) {
			connection.metrics().close();
		}
	}

	/** The connection of that name, or {@code null}. */
	public SupervisedConnection find(String name) {
		return this.connections.get(name);
	}

	/**
	 * Every supervised connection that is running, or ended by itself and not yet stopped (at most
	 * {@link #MAX_ENDED} of those).
	 */
	public Collection<SupervisedConnection> all() {
		return Collections.unmodifiableCollection(this.connections.values());
	}

	/**
	 * Stops every connection and waits for their threads; also the bean's destroy method, so a
	 * context that fails to refresh stops them too.
	 */
	public void close() {
		List<SupervisedConnection> stopping;
		synchronized (this) {
			this.closed = true;
			stopping = new ArrayList<>(this.connections.values());
		}
		stopping.forEach(SupervisedConnection::stop);
		long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
		for (SupervisedConnection connection : stopping) {
			Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			if (!connection.awaitStopped(left)) {
				SupervisionLog.logger.warn("{} did not stop within {}ms of shutdown: its session ignores interrupts",
						connection, JOIN_TIMEOUT.toMillis());
			}
		}
	}

}
