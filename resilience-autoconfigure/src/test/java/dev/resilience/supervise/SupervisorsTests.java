package dev.resilience.supervise;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.resilience.Session;
import dev.resilience.Supervised;
import dev.resilience.Supervised.State;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.retry.Waiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** Stopping supervised connections, alone or all at shutdown, with real waits. */
class SupervisorsTests {

	private static final Duration LONG = Duration.ofSeconds(20);

	private final Waiter waiter = new Waiter(null);

	private final RecordingMetrics metrics = new RecordingMetrics();

	private final Supervisors supervisors = new Supervisors(this.waiter, Clock.systemUTC(),
			new RepeatLimitedLog(LoggerFactory.getLogger("dev.resilience.supervise"), Duration.ofSeconds(30),
					System::nanoTime),
			this.metrics);

	@AfterEach
	void close() {
		this.supervisors.close();
	}

	@Test
	void runsTheSessionOnAThreadNamedAfterTheConnection() {
		AtomicReference<String> thread = new AtomicReference<>();
		Supervised supervised = this.supervisors.supervise("flags-stream", TestPolicies.policy(3),
				blockUntilInterrupted((context) -> thread.set(Thread.currentThread().getName())));
		await().atMost(Duration.ofSeconds(5)).until(() -> supervised.state() == State.CONNECTED);
		assertThat(thread.get()).isEqualTo("resilience-supervised-flags-stream");
	}

	@Test
	void stopDuringASessionInterruptsItAndDoesNotCountIt() {
		AtomicBoolean sawInterrupt = new AtomicBoolean();
		AtomicBoolean sawStopping = new AtomicBoolean();
		Supervised supervised = this.supervisors.supervise("stream", TestPolicies.policy(3), (context) -> {
			context.connected();
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				sawInterrupt.set(true);
				sawStopping.set(context.isStopping());
				throw ex;
			}
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> supervised.state() == State.CONNECTED);
		supervised.stop();
		assertThat(supervised.awaitStopped(Duration.ofSeconds(1))).isTrue();
		assertThat(supervised.state()).isEqualTo(State.STOPPED);
		assertThat(sawInterrupt).isTrue();
		assertThat(sawStopping).isTrue();
		assertThat(this.metrics.outcomes()).isEmpty();
	}

	@Test
	void stopDuringAWaitEndsItAtOnce() {
		ScriptedSession session = new ScriptedSession().then((context) -> {
			throw new IOException("Connection refused");
		});
		SupervisedConnection supervised = this.supervisors.supervise("stream",
				TestPolicies.policy(5, LONG, false, LONG), session);
		await().atMost(Duration.ofSeconds(5)).until(() -> supervised.state() == State.WAITING);
		// the wait is the initial interval capped at max-interval (10s)
		assertThat(supervised.nextAttemptAt()).isAfter(Instant.now().plusSeconds(5));
		assertThat(supervised.consecutiveFailures()).isEqualTo(1);
		assertThat(supervised.lastFailure()).isEqualTo("IOException: Connection refused");
		long stoppedAt = System.nanoTime();
		supervised.stop();
		assertThat(supervised.awaitStopped(Duration.ofSeconds(1))).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(1));
		assertThat(supervised.state()).isEqualTo(State.STOPPED);
		assertThat(supervised.nextAttemptAt()).isNull();
		assertThat(session.runs()).isEqualTo(1);
	}

	@Test
	void closeStopsEveryConnectionWaitingOrConnectedAndLeavesNoThread() {
		Supervised connected = this.supervisors.supervise("connected", TestPolicies.policy(3),
				blockUntilInterrupted((context) -> {
				}));
		Supervised waiting = this.supervisors.supervise("waiting", TestPolicies.policy(3, LONG, false, LONG),
				(context) -> {
					throw new IOException("Connection refused");
				});
		await().atMost(Duration.ofSeconds(5))
			.until(() -> connected.state() == State.CONNECTED && waiting.state() == State.WAITING);
		long closedAt = System.nanoTime();
		this.supervisors.close();
		assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(1));
		assertThat(connected.state()).isEqualTo(State.STOPPED);
		assertThat(waiting.state()).isEqualTo(State.STOPPED);
		assertThat(supervisorThreads()).isZero();
		assertThatIllegalStateException()
			.isThrownBy(() -> this.supervisors.supervise("late", TestPolicies.policy(3), (context) -> {
			}))
			.withMessageContaining("shutting down");
	}

	@Test
	void aNameStillRunningCannotBeSupervisedAgainButAFinishedOneCan() {
		Supervised first = this.supervisors.supervise("stream", TestPolicies.policy(3),
				blockUntilInterrupted((context) -> {
				}));
		assertThatIllegalStateException()
			.isThrownBy(() -> this.supervisors.supervise("stream", TestPolicies.policy(3), (context) -> {
			}))
			.withMessageContaining("'stream'");
		first.stop();
		assertThat(first.awaitStopped(Duration.ofSeconds(1))).isTrue();
		Supervised second = this.supervisors.supervise("stream", TestPolicies.policy(3),
				blockUntilInterrupted((context) -> {
				}));
		await().atMost(Duration.ofSeconds(5)).until(() -> second.state() == State.CONNECTED);
		assertThat(this.supervisors.all()).containsExactly((SupervisedConnection) second);
	}

	@Test
	void connectedAfterTheSessionEndedIsIgnored() {
		AtomicReference<dev.resilience.SessionContext> kept = new AtomicReference<>();
		SupervisedConnection supervised = this.supervisors.supervise("stream",
				TestPolicies.policy(3, LONG, false, LONG), (context) -> {
					kept.set(context);
					throw new IOException("down");
				});
		await().atMost(Duration.ofSeconds(5)).until(() -> supervised.state() == State.WAITING);
		kept.get().connected();
		assertThat(supervised.state()).isEqualTo(State.WAITING);
	}

	private static long supervisorThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("resilience-supervised-"))
			.count();
	}

	/** Runs {@code before}, reports connected, then blocks until interrupted. */
	private static Session blockUntilInterrupted(Session before) {
		return (context) -> {
			before.run(context);
			context.connected();
			new CountDownLatch(1).await();
		};
	}

}
