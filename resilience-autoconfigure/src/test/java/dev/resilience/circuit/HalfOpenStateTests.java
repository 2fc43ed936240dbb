package dev.resilience.circuit;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HalfOpenStateTests {

	private static final long FAST = Duration.ofMillis(1).toNanos();

	private static final long SLOW = Duration.ofMillis(200).toNanos();

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock();

	private final RecordingListener listener = new RecordingListener();

	/** 4 minimum calls, 50% failures, slow from 100ms at 100%, 3 trials. */
	private final CircuitBreaker breaker = new CircuitBreaker("payments", new CircuitBreakerConfig(true,
			WindowType.COUNT_BASED, 10, 4, 50f, Duration.ofMillis(100), 100f, WAIT, 3), this.clock, this.listener);

	@BeforeEach
	void openAndWait() {
		for (int i = 0; i < 4; i++) {
			this.breaker.tryAcquirePermission();
			this.breaker.onFailure(FAST);
		}
		this.clock.advance(WAIT);
	}

	@Test
	void admitsExactlyThePermittedTrialCalls() {
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
	}

	@Test
	void decidesOnlyWhenAllTrialsHaveFinished() {
		acquire(3);
		this.breaker.onSuccess(FAST);
		this.breaker.onSuccess(FAST);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
		assertThat(this.breaker.bufferedCalls()).isEqualTo(2);
		this.breaker.onSuccess(FAST);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void closesWithAFreshWindowWhenTrialsFailBelowThreshold() {
		acquire(3);
		this.breaker.onFailure(FAST);
		this.breaker.onSuccess(FAST);
		this.breaker.onSuccess(FAST);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(this.breaker.bufferedCalls()).isZero();
		assertThat(this.breaker.failureRate()).isEqualTo(-1f);
		assertThat(this.listener.transitions()).containsExactly("payments: closed -> open",
				"payments: open -> half_open", "payments: half_open -> closed");
	}

	@Test
	void opensAgainWithANewWaitWhenTrialFailureRateReachesThreshold() {
		acquire(3);
		this.breaker.onFailure(FAST);
		this.breaker.onSuccess(FAST);
		this.clock.advance(Duration.ofSeconds(5));
		this.breaker.onFailure(FAST);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.OPEN);
		assertThat(this.breaker.retryAt()).isEqualTo(MutableClock.START.plus(WAIT).plusSeconds(5).plus(WAIT));
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
		assertThat(this.listener.transitions()).endsWith("payments: half_open -> open");
	}

	@Test
	void opensAgainWhenTrialSlowCallRateReachesThreshold() {
		acquire(3);
		this.breaker.onSuccess(SLOW);
		this.breaker.onSuccess(SLOW);
		this.breaker.onSuccess(SLOW);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.OPEN);
		assertThat(this.breaker.slowCallRate()).as("below the minimum of 4 calls").isEqualTo(-1f);
		assertThat(this.breaker.bufferedCalls()).isEqualTo(3);
	}

	@Test
	void anIgnoredTrialReturnsItsPermit() {
		acquire(3);
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
		this.breaker.onSuccess(FAST);
		this.breaker.onIgnored();
		this.breaker.onSuccess(FAST);
		assertThat(this.breaker.state()).as("only two trials finished").isEqualTo(CircuitState.HALF_OPEN);
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
		this.breaker.onSuccess(FAST);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void dropsResultsWhileNoTrialIsOut() {
		acquire(1);
		this.breaker.onFailure(FAST);
		this.breaker.onFailure(FAST);
		this.breaker.onFailure(FAST);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
		assertThat(this.breaker.bufferedCalls()).isEqualTo(1);
		acquire(2);
		this.breaker.onSuccess(FAST);
		this.breaker.onSuccess(FAST);
		assertThat(this.breaker.state()).as("one failure in three trials").isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void dropsIgnoredCallsWhileNoTrialIsOut() {
		acquire(1);
		this.breaker.onSuccess(FAST);
		this.breaker.onIgnored();
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
	}

	@Test
	void retryAtIsNow() {
		acquire(1);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.breaker.retryAt()).isEqualTo(MutableClock.START.plus(WAIT).plusSeconds(2));
	}

	private void acquire(int trials) {
		for (int i = 0; i < trials; i++) {
			assertThat(this.breaker.tryAcquirePermission()).as("trial %d admitted", i).isTrue();
		}
	}

}
