package dev.resilience.supervise;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	private final Map<String, SupervisedConnection> connections = new ConcurrentHashMap<>();

	private final Waiter waiter;

	private final Clock clock;

	private final SupervisionLog log;

	private final SupervisedMetricsFactory metricsFactory;

	private volatile boolean closed;

	/**
	 * @param waiter every backoff wait goes through it (a user's {@code Sleeper}, shutdown)
	 * @param clock measures how long connections stay up, and dates the next attempt
	 * @param warnings the de-duplicating log for the warnings of repeated ends
	 * @param metricsFactory builds each connection's meters
	 */
	public Supervisors(Waiter waiter, Clock clock, RepeatLimitedLog warnings, SupervisedMetricsFactory metricsFactory) {
		this.waiter = waiter;
		this.clock = clock;
		this.log = new SupervisionLog(warnings);
		this.metricsFactory = metricsFactory;
	}

	/**
	 * Starts supervising {@code session} under {@code policy} on a new thread.
	 * @throws IllegalArgumentException when a connection of that name is still running
	 * @throws IllegalStateException when the application is shutting down
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
			throw new IllegalArgumentException("A supervised connection named '" + name
					+ "' is already running; stop it first or choose another name");
		}
		if (existing != null) {
			existing.metrics().close();
		}
		SupervisedConnection connection = new SupervisedConnection(name, policy);
		connection.bindMetrics(this.metricsFactory.create(connection));
		this.connections.put(name, connection);
		connection.start(new ReconnectLoop(connection, session, this.waiter, this.clock, this.log));
		return connection;
	}

	/** The connection of that name, or {@code null}. */
	public SupervisedConnection find(String name) {
		return this.connections.get(name);
	}

	/** Every supervised connection, running or ended (until replaced by one of the same name). */
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
