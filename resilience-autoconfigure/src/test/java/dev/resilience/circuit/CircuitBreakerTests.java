package dev.resilience.circuit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CircuitBreakerTests {

	private static final long FAST = Duration.ofMillis(1).toNanos();

	private static final long SLOW = Duration.ofMillis(200).toNanos();

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock();

	private final RecordingListener listener = new RecordingListener();

	private final CircuitBreaker breaker = breaker(config(WindowType.COUNT_BASED, Duration.ofMillis(100)));

	@Test
	void startsClosedAndPermitsCalls() {
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.policy()).isEqualTo("payments");
	}

	@Test
	void startsDisabledWhenTheConfigIsDisabled() {
		CircuitBreakerConfig enabled = config(WindowType.COUNT_BASED, null);
		CircuitBreaker disabled = breaker(new CircuitBreakerConfig(false, enabled.windowType(),
				enabled.slidingWindowSize(), enabled.minimumNumberOfCalls(), enabled.failureRateThreshold(), null,
				enabled.slowCallRateThreshold(), enabled.waitDurationInOpenState(), 2));
		fail(disabled, 10);
		assertThat(disabled.state()).isEqualTo(CircuitState.DISABLED);
		assertThat(disabled.tryAcquirePermission()).isTrue();
		assertThat(disabled.bufferedCalls()).isZero();
		assertThat(this.listener.transitions()).isEmpty();
	}

	@Test
	void aWallClockStepChangesNeitherTheOpenWaitNorTheTimeWindow() {
		AtomicLong nanos = new AtomicLong(-Duration.ofDays(1).toNanos());
		CircuitBreaker breaker = new CircuitBreaker("payments", config(WindowType.TIME_BASED, null), this.clock,
				nanos::get, this.listener);
		fail(breaker, 4);
		assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
		assertThat(breaker.retryAt()).isEqualTo(MutableClock.START.plus(WAIT));
		// The wall clock jumps an hour ahead: the open wait is not over.
		this.clock.advance(Duration.ofHours(1));
		assertThat(breaker.tryAcquirePermission()).isFalse();
		assertThat(breaker.retryAt()).isEqualTo(MutableClock.START.plus(Duration.ofHours(1)).plus(WAIT));
		// It steps back two hours: the wait still ends when the monotonic clock says.
		this.clock.advance(Duration.ofHours(-2));
		nanos.addAndGet(WAIT.toNanos());
		assertThat(breaker.tryAcquirePermission()).isTrue();
		assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
		breaker.onSuccess(FAST);
		succeed(breaker, 1);
		assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
		// In the fresh window, calls stay counted across a wall-clock step of a day.
		fail(breaker, 2);
		this.clock.advance(Duration.ofDays(1));
		fail(breaker, 1);
		assertThat(breaker.bufferedCalls()).isEqualTo(3);
	}

	@Test
	void opensWhenFailureRateReachesThreshold() {
		succeed(this.breaker, 2);
		fail(this.breaker, 1);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
		fail(this.breaker, 1);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.OPEN);
		assertThat(this.listener.transitions()).containsExactly("payments: closed -> open");
	}

	@Test
	void staysClosedBelowFailureRateThreshold() {
		succeed(this.breaker, 3);
		fail(this.breaker, 1);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(this.breaker.failureRate()).isEqualTo(25f);
		assertThat(this.breaker.bufferedCalls()).isEqualTo(4);
	}

	@Test
	void staysClosedBeforeMinimumNumberOfCalls() {
		fail(this.breaker, 3);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(this.breaker.failureRate()).isEqualTo(-1f);
		assertThat(this.breaker.slowCallRate()).isEqualTo(-1f);
		assertThat(this.breaker.bufferedCalls()).isEqualTo(3);
	}

	@Test
	void opensWhenSlowCallRateReachesThreshold() {
		succeed(this.breaker, 1);
		record(this.breaker, 3, false, SLOW);
		assertThat(this.breaker.state()).as("75% slow").isEqualTo(CircuitState.CLOSED);
		record(this.breaker, 1, false, SLOW);
		assertThat(this.breaker.state()).as("80% slow").isEqualTo(CircuitState.OPEN);
		assertThat(this.breaker.slowCallRate()).isEqualTo(80f);
		assertThat(this.breaker.failureRate()).isZero();
	}

	@Test
	void countsSlowCallsWhetherTheySucceedOrFail() {
		record(this.breaker, 1, true, SLOW);
		record(this.breaker, 1, false, SLOW);
		succeed(this.breaker, 2);
		assertThat(this.breaker.slowCallRate()).isEqualTo(50f);
		assertThat(this.breaker.failureRate()).isEqualTo(25f);
	}

	@Test
	void countsACallAsSlowFromTheDurationThresholdOn() {
		record(this.breaker, 4, false, Duration.ofMillis(100).toNanos() - 1);
		assertThat(this.breaker.slowCallRate()).isZero();
		record(this.breaker, 4, false, Duration.ofMillis(100).toNanos());
		assertThat(this.breaker.slowCallRate()).isEqualTo(50f);
	}

	@Test
	void neverCountsSlowCallsWithoutDurationThreshold() {
		CircuitBreaker breaker = breaker(config(WindowType.COUNT_BASED, null));
		record(breaker, 10, false, Long.MAX_VALUE);
		assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(breaker.slowCallRate()).isZero();
	}

	@Test
	void leavesIgnoredOutcomesOutOfTheWindow() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.breaker.tryAcquirePermission()).isTrue();
			this.breaker.onIgnored();
		}
		assertThat(this.breaker.bufferedCalls()).isZero();
	}

	@Test
	void rejectsCallsWhileOpen() {
		fail(this.breaker, 4);
		this.clock.advance(WAIT.minusMillis(1));
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
		assertThat(this.breaker.state()).isEqualTo(CircuitState.OPEN);
	}

	@Test
	void retryAtIsTheOpeningTimePlusTheWaitWhileOpen() {
		this.clock.advance(Duration.ofMillis(1500));
		fail(this.breaker, 4);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.breaker.retryAt()).isEqualTo(MutableClock.START.plusMillis(1500).plus(WAIT));
	}

	@Test
	void retryAtIsNowWhenClosed() {
		this.clock.advance(Duration.ofSeconds(7));
		assertThat(this.breaker.retryAt()).isEqualTo(MutableClock.START.plusSeconds(7));
	}

	@Test
	void movesToHalfOpenOnTheFirstCallAfterTheWait() {
		fail(this.breaker, 4);
		this.clock.advance(WAIT);
		assertThat(this.breaker.state()).as("no call came yet").isEqualTo(CircuitState.OPEN);
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
		assertThat(this.listener.transitions()).containsExactly("payments: closed -> open",
				"payments: open -> half_open");
	}

	@Test
	void reportsTheTotalsThatOpenedItAndDropsLateOutcomesWhileOpen() {
		succeed(this.breaker, 2);
		fail(this.breaker, 2);
		this.breaker.onFailure(FAST);
		this.breaker.onSuccess(FAST);
		this.breaker.onIgnored();
		assertThat(this.breaker.state()).isEqualTo(CircuitState.OPEN);
		assertThat(this.breaker.bufferedCalls()).isEqualTo(4);
		assertThat(this.breaker.failureRate()).isEqualTo(50f);
	}

	@Test
	void forgetsFailuresOlderThanATimeBasedWindow() {
		CircuitBreaker breaker = breaker(config(WindowType.TIME_BASED, null));
		fail(breaker, 3);
		this.clock.advance(Duration.ofSeconds(10));
		fail(breaker, 1);
		assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(breaker.bufferedCalls()).isEqualTo(1);
		fail(breaker, 3);
		assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
	}

	@Test
	void rejectsAConfigBeyondThePackedCounters() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> breaker(new CircuitBreakerConfig(true, WindowType.COUNT_BASED,
					CountBasedWindow.MAX_SIZE + 1, 1, 50f, null, 100f, WAIT, 1)))
			.withMessageContaining("payments");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> breaker(new CircuitBreakerConfig(true, WindowType.COUNT_BASED, 10, 1, 50f, null,
					100f, WAIT, HalfOpenState.MAX_PERMITTED + 1)))
			.withMessageContaining("payments");
	}

	private CircuitBreaker breaker(CircuitBreakerConfig config) {
		return new CircuitBreaker("payments", config, this.clock, this.listener);
	}

	/** Window of 10 (calls or seconds), 4 minimum calls, 50% failures, 80% slow calls, 2 trials. */
	static CircuitBreakerConfig config(WindowType type, Duration slowCallDurationThreshold) {
		return new CircuitBreakerConfig(true, type, 10, 4, 50f, slowCallDurationThreshold, 80f, WAIT, 2);
	}

	static void succeed(CircuitBreaker breaker, int calls) {
		record(breaker, calls, false, FAST);
	}

	static void fail(CircuitBreaker breaker, int calls) {
		record(breaker, calls, true, FAST);
	}

	static void record(CircuitBreaker breaker, int calls, boolean failed, long durationNanos) {
		for (int i = 0; i < calls; i++) {
			assertThat(breaker.tryAcquirePermission()).as("call %d permitted", i).isTrue();
			if (failed) {
				breaker.onFailure(durationNanos);
			}
			else {
				breaker.onSuccess(durationNanos);
			}
		}
	}

}
