package dev.resilience.supervise;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.resilience.Session;
import dev.resilience.Supervised;
import dev.resilience.Supervised.State;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.policy.Policy;
import dev.resilience.retry.Waiter;

import static org.assertj.core.api.Assertions.assertThat;

/** The counting rules of the reconnect loop, with scripted sessions, instant waits and a test clock. */
@ExtendWith(OutputCaptureExtension.class)
class ReconnectLoopTests {

	private static final Duration STABLE_AFTER = Duration.ofSeconds(30);

	private static final Session FAILS = (context) -> {
		throw new IOException("down");
	};

	private static final Session RETURNS = (context) -> {
	};

	private final RecordingSleeper sleeper = new RecordingSleeper();

	private final MutableClock clock = new MutableClock();

	private final MutableClock logClock = new MutableClock();

	private final RecordingMetrics metrics = new RecordingMetrics();

	private final Supervisors supervisors = new Supervisors(new Waiter(this.sleeper), this.clock,
			new RepeatLimitedLog(LoggerFactory.getLogger("dev.resilience.supervise"), Duration.ofMinutes(10),
					() -> this.logClock.millis() * 1_000_000L),
			this.metrics);

	@AfterEach
	void close() {
		this.supervisors.close();
	}

	@Test
	void transientFailuresStopItInFailedAfterMaxAttemptsWaitingGrowingBackoffsBetween() {
		ScriptedSession session = new ScriptedSession().then(FAILS);
		Supervised supervised = supervise(TestPolicies.policy(4), session);
		assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
		assertThat(supervised.state()).isEqualTo(State.FAILED);
		assertThat(session.runs()).isEqualTo(4);
		assertThat(this.sleeper.waits()).containsExactly(100L, 200L, 400L);
		assertThat(this.metrics.outcomes()).hasSize(4).containsOnly(SessionOutcome.TRANSIENT_FAILURE);
		SupervisedConnection connection = (SupervisedConnection) supervised;
		assertThat(connection.consecutiveFailures()).isEqualTo(4);
		assertThat(connection.lastFailure()).isEqualTo("IOException: down");
		assertThat(connection.nextAttemptAt()).isNull();
	}

	@Test
	void sessionReturningWithoutReportingConnectedCountsAsAFailure() {
		ScriptedSession session = new ScriptedSession().then(RETURNS);
		Supervised supervised = supervise(TestPolicies.policy(3), session);
		assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
		assertThat(supervised.state()).isEqualTo(State.FAILED);
		assertThat(session.runs()).isEqualTo(3);
		assertThat(this.sleeper.waits()).containsExactly(100L, 200L);
		assertThat(this.metrics.outcomes()).containsExactly(SessionOutcome.ENDED, SessionOutcome.ENDED,
				SessionOutcome.ENDED);
		assertThat(((SupervisedConnection) supervised).lastFailure()).contains("without reporting connected()");
	}

	@Test
	void connectionClosedBeforeStableAfterCountsAsAFailure() {
		ScriptedSession session = new ScriptedSession().then(upFor(STABLE_AFTER.minusMillis(1), null));
		Supervised supervised = supervise(TestPolicies.policy(3), session);
		assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
		assertThat(supervised.state()).isEqualTo(State.FAILED);
		assertThat(session.runs()).isEqualTo(3);
		assertThat(((SupervisedConnection) supervised).lastFailure())
			.isEqualTo("closed after 29999ms (stable-after is 30000ms)");
	}

	@Test
	void aWallClockStepWhileConnectedDoesNotMakeAShortConnectionStable() {
		AtomicLong nanos = new AtomicLong();
		Supervisors supervisors = new Supervisors(new Waiter(this.sleeper), this.clock, nanos::get,
				new RepeatLimitedLog(LoggerFactory.getLogger("dev.resilience.supervise"), Duration.ofMinutes(10),
						nanos::get),
				this.metrics);
		try {
			ScriptedSession session = new ScriptedSession().then((context) -> {
				context.connected();
				// The wall clock jumps a day ahead while the connection is up for 1ms.
				this.clock.advance(Duration.ofDays(1));
				nanos.addAndGet(1_000_000L);
			});
			Supervised supervised = supervisors.supervise("stream", TestPolicies.policy(3), session);
			assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
			assertThat(supervised.state()).isEqualTo(State.FAILED);
			assertThat(session.runs()).isEqualTo(3);
		}
		finally {
			supervisors.close();
		}
	}

	@Test
	void connectionUpForStableAfterResetsTheCountAndTheBackoffSequence() {
		ScriptedSession session = new ScriptedSession().then(2, FAILS)
			.then(upFor(STABLE_AFTER, new IOException("reset after a long time")))
			.then(FAILS);
		Supervised supervised = supervise(TestPolicies.policy(3), session);
		assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
		assertThat(supervised.state()).isEqualTo(State.FAILED);
		// two failures, a stable connection (count back to 0), then three failures
		assertThat(session.runs()).isEqualTo(6);
		assertThat(this.sleeper.waits()).containsExactly(100L, 200L, 100L, 200L, 400L);
	}

	@Test
	void cleanEndOfAStableConnectionReconnectsAfterTheFirstWait() {
		ScriptedSession session = new ScriptedSession().then(upFor(STABLE_AFTER, null))
			.then(upFor(STABLE_AFTER, null))
			.then(RETURNS);
		Supervised supervised = supervise(TestPolicies.policy(1), session);
		assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
		// max-attempts 1: stable connections are reconnected, the first early end stops it
		assertThat(session.runs()).isEqualTo(3);
		assertThat(this.sleeper.waits()).containsExactly(100L, 100L);
		assertThat(supervised.state()).isEqualTo(State.FAILED);
	}

	@Test
	void permanentFailureStopsItAtOnceWithoutWaiting(CapturedOutput output) {
		ScriptedSession session = new ScriptedSession().then((context) -> {
			throw new IllegalArgumentException("bad request");
		});
		Supervised supervised = supervise(TestPolicies.policy(5), session);
		assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
		assertThat(supervised.state()).isEqualTo(State.FAILED);
		assertThat(session.runs()).isEqualTo(1);
		assertThat(this.sleeper.waits()).isEmpty();
		assertThat(this.metrics.outcomes()).containsExactly(SessionOutcome.PERMANENT_FAILURE);
		assertThat(output.getOut().lines().filter((line) -> line.contains("'stream'"))).singleElement()
			.asString()
			.contains("WARN", "permanent failure IllegalArgumentException: bad request", "will not reconnect");
	}

	@Test
	void immediateFirstRetryMakesOnlyTheFirstWaitImmediate() {
		ScriptedSession session = new ScriptedSession().then(FAILS);
		Policy policy = TestPolicies.policy(4, Duration.ofMillis(100), true, STABLE_AFTER);
		Supervised supervised = supervise(policy, session);
		assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
		assertThat(session.runs()).isEqualTo(4);
		// the first wait is 0 and does not reach the sleeper
		assertThat(this.sleeper.waits()).containsExactly(100L, 200L);
	}

	@Test
	void repeatedIdenticalEndsAreLoggedOncePerRepeatIntervalWithTheSuppressedCount(CapturedOutput output) {
		ScriptedSession session = new ScriptedSession().then(5, FAILS).then((context) -> {
			this.logClock.advance(Duration.ofMinutes(10));
			throw new IOException("down");
		}).then(FAILS);
		Supervised supervised = supervise(TestPolicies.policy(9), session);
		assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
		assertThat(output.getOut().lines().filter((line) -> line.contains("failed (transient): IOException: down")))
			.hasSize(2)
			.last()
			.asString()
			.contains("4 identical warnings suppressed");
		assertThat(output.getOut().lines().filter((line) -> line.contains("reached after 9 consecutive failures")))
			.singleElement()
			.asString()
			.contains("max-attempts (9)", "the last: IOException: down");
	}

	private Supervised supervise(Policy policy, Session session) {
		return this.supervisors.supervise("stream", policy, session);
	}

	/** Reports connected, stays up for {@code duration} on the test clock, then returns or throws. */
	private Session upFor(Duration duration, Exception failure) {
		return (context) -> {
			context.connected();
			this.clock.advance(duration);
			if (failure != null) {
				throw failure;
			}
		};
	}

}
