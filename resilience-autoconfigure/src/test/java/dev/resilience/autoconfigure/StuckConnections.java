package dev.resilience.autoconfigure;

import java.net.ConnectException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.Resilience;
import dev.resilience.Session;
import dev.resilience.Supervised;
import dev.resilience.Supervised.State;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervised connections to a dependency that is down, one in each state a shutdown may meet:
 * waiting to reconnect after a refused connection, connecting (the handshake hangs), and
 * connected (consuming a stream that never ends). Counts the sessions each one started.
 */
final class StuckConnections {

	/** Never released: sessions block on it until their thread is interrupted. */
	private final CountDownLatch never = new CountDownLatch(1);

	private final Map<String, Supervised> connections = new LinkedHashMap<>();

	private final Map<String, State> expectedStates = new LinkedHashMap<>();

	private final Map<String, AtomicInteger> sessions = new LinkedHashMap<>();

	private final Map<String, Integer> sessionsAtClose = new LinkedHashMap<>();

	StuckConnections(Resilience resilience, String policy) {
		start(resilience, policy, "refused", State.WAITING, (context) -> {
			throw new ConnectException("Connection refused");
		});
		start(resilience, policy, "handshaking", State.CONNECTING, (context) -> block());
		start(resilience, policy, "streaming", State.CONNECTED, (context) -> {
			context.connected();
			block();
		});
	}

	private void start(Resilience resilience, String policy, String name, State state, Session session) {
		AtomicInteger started = new AtomicInteger();
		this.sessions.put(name, started);
		this.expectedStates.put(name, state);
		this.connections.put(name, resilience.supervise(name, policy, (context) -> {
			started.incrementAndGet();
			session.run(context);
		}));
	}

	private void block() throws InterruptedException {
		if (!this.never.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the session was never interrupted");
		}
	}

	/** Whether each connection is in the state it is meant to be caught in; notes its sessions. */
	boolean allInTheirStates() {
		this.connections.forEach((name, connection) -> this.sessionsAtClose.put(name, this.sessions.get(name).get()));
		return this.connections.entrySet()
			.stream()
			.allMatch((entry) -> entry.getValue().state() == this.expectedStates.get(entry.getKey()));
	}

	/** Every connection's thread has ended, in state stopped, without a session since. */
	void assertAllStoppedWithoutReconnecting() {
		this.connections.forEach((name, connection) -> {
			assertThat(connection.awaitStopped(Duration.ZERO)).as("%s stopped", name).isTrue();
			assertThat(connection.state()).as(name).isEqualTo(State.STOPPED);
		});
		assertThat(sessionsUnchanged()).isTrue();
	}

	boolean sessionsUnchanged() {
		return this.connections.keySet()
			.stream()
			.allMatch((name) -> this.sessions.get(name).get() == this.sessionsAtClose.get(name));
	}

}
