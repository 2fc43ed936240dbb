package dev.resilience.circuit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ManualTransitionTests {

	private static final long FAST = Duration.ofMillis(1).toNanos();

	private final MutableClock clock = new MutableClock();

	private final RecordingListener listener = new RecordingListener();

	private final CircuitBreaker breaker = new CircuitBreaker("payments",
			CircuitBreakerTests.config(WindowType.COUNT_BASED, null), this.clock, this.listener);

	@Test
	void forcedOpenRejectsEveryCallAndHasNoRetryAt() {
		this.breaker.transitionTo(CircuitState.FORCED_OPEN);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.FORCED_OPEN);
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
		assertThat(this.breaker.retryAt()).isNull();
		this.clock.advance(Duration.ofDays(1));
		assertThat(this.breaker.tryAcquirePermission()).as("no wait ends it").isFalse();
		assertThat(this.listener.transitions()).containsExactly("payments: closed -> forced_open");
	}

	@Test
	void forcedOpenRecordsNothing() {
		this.breaker.transitionTo(CircuitState.FORCED_OPEN);
		this.breaker.onFailure(FAST);
		this.breaker.onIgnored();
		assertThat(this.breaker.bufferedCalls()).isZero();
		assertThat(this.breaker.failureRate()).isEqualTo(-1f);
	}

	@Test
	void disabledPermitsEveryCallAndRecordsNothing() {
		this.breaker.transitionTo(CircuitState.DISABLED);
		CircuitBreakerTests.fail(this.breaker, 20);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.DISABLED);
		assertThat(this.breaker.bufferedCalls()).isZero();
		assertThat(this.breaker.retryAt()).isEqualTo(MutableClock.START);
	}

	@Test
	void closingClearsTheWindow() {
		CircuitBreakerTests.fail(this.breaker, 3);
		this.breaker.transitionTo(CircuitState.CLOSED);
		assertThat(this.breaker.bufferedCalls()).isZero();
		CircuitBreakerTests.fail(this.breaker, 3);
		assertThat(this.breaker.state()).as("three failures, not six").isEqualTo(CircuitState.CLOSED);
		assertThat(this.listener.transitions()).as("a reset is not a transition").isEmpty();
	}

	@Test
	void closingAnOpenCircuitLetsCallsThroughAtOnce() {
		CircuitBreakerTests.fail(this.breaker, 4);
		this.breaker.transitionTo(CircuitState.CLOSED);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.bufferedCalls()).isZero();
		assertThat(this.listener.transitions()).containsExactly("payments: closed -> open",
				"payments: open -> closed");
	}

	@Test
	void movesBetweenTheManualTargets() {
		this.breaker.transitionTo(CircuitState.FORCED_OPEN);
		this.breaker.transitionTo(CircuitState.DISABLED);
		this.breaker.transitionTo(CircuitState.FORCED_OPEN);
		this.breaker.transitionTo(CircuitState.CLOSED);
		assertThat(this.listener.transitions()).containsExactly("payments: closed -> forced_open",
				"payments: forced_open -> disabled", "payments: disabled -> forced_open",
				"payments: forced_open -> closed");
	}

	@Test
	void movingToTheCurrentStateIsNotATransition() {
		this.breaker.transitionTo(CircuitState.FORCED_OPEN);
		this.breaker.transitionTo(CircuitState.FORCED_OPEN);
		this.breaker.transitionTo(CircuitState.DISABLED);
		this.breaker.transitionTo(CircuitState.DISABLED);
		assertThat(this.listener.transitions()).containsExactly("payments: closed -> forced_open",
				"payments: forced_open -> disabled");
	}

	@Test
	void closesACircuitDisabledByConfiguration() {
		CircuitBreakerConfig enabled = CircuitBreakerTests.config(WindowType.COUNT_BASED, null);
		CircuitBreaker disabled = new CircuitBreaker("payments", new CircuitBreakerConfig(false, enabled.windowType(),
				enabled.slidingWindowSize(), enabled.minimumNumberOfCalls(), enabled.failureRateThreshold(), null,
				enabled.slowCallRateThreshold(), enabled.waitDurationInOpenState(), 2), this.clock, this.listener);
		disabled.transitionTo(CircuitState.CLOSED);
		CircuitBreakerTests.fail(disabled, 4);
		assertThat(disabled.state()).isEqualTo(CircuitState.OPEN);
	}

	@Test
	void rejectsHalfOpenAsTargetNamingThePolicyAndTheAllowedStates() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.breaker.transitionTo(CircuitState.HALF_OPEN))
			.withMessageContaining("'payments'")
			.withMessageContaining("HALF_OPEN")
			.withMessageContaining("CLOSED, FORCED_OPEN, DISABLED");
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void rejectsOpenAsTarget() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.breaker.transitionTo(CircuitState.OPEN))
			.withMessageContaining("'payments'");
		assertThat(this.listener.transitions()).isEmpty();
	}

}
