package dev.resilience.circuit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransitionListenerTests {

	private static final long FAST = Duration.ofMillis(1).toNanos();

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock();

	private final RecordingListener listener = new RecordingListener();

	@Test
	void isToldOncePerTransitionWithThePolicy() {
		CircuitBreaker breaker = breaker(WindowType.COUNT_BASED);
		CircuitBreakerTests.fail(breaker, 4);
		this.clock.advance(WAIT);
		CircuitBreakerTests.fail(breaker, 2);
		this.clock.advance(WAIT);
		CircuitBreakerTests.succeed(breaker, 2);
		breaker.transitionTo(CircuitState.FORCED_OPEN);
		assertThat(this.listener.transitions()).containsExactly("orders: closed -> open",
				"orders: open -> half_open", "orders: half_open -> open", "orders: open -> half_open",
				"orders: half_open -> closed", "orders: closed -> forced_open");
	}

	@Test
	void isNotToldWhenAnotherCallMovedToHalfOpenFirst() {
		CircuitBreaker breaker = breaker(WindowType.COUNT_BASED);
		CircuitBreakerTests.fail(breaker, 4);
		this.clock.advance(WAIT);
		AtomicBoolean innerAdmitted = new AtomicBoolean();
		// Runs between the outer call's clock read and its compare-and-set, which then fails.
		this.clock.onNextRead(() -> innerAdmitted.set(breaker.tryAcquirePermission()));
		boolean outerAdmitted = breaker.tryAcquirePermission();
		assertThat(innerAdmitted).isTrue();
		assertThat(outerAdmitted).as("took the second trial permit").isTrue();
		assertThat(breaker.tryAcquirePermission()).as("both permits taken").isFalse();
		assertThat(this.listener.transitions()).containsExactly("orders: closed -> open",
				"orders: open -> half_open");
	}

	@Test
	void isNotToldOfAnOpeningThatLostToAManualMove() {
		CircuitBreaker breaker = breaker(WindowType.TIME_BASED);
		CircuitBreakerTests.fail(breaker, 3);
		breaker.tryAcquirePermission();
		// Runs when the window reads the clock, before the record that trips the thresholds.
		this.clock.onNextRead(() -> breaker.transitionTo(CircuitState.FORCED_OPEN));
		breaker.onFailure(FAST);
		assertThat(breaker.state()).isEqualTo(CircuitState.FORCED_OPEN);
		assertThat(this.listener.transitions()).containsExactly("orders: closed -> forced_open");
	}

	@Test
	void aFailingListenerDoesNotStopTheTransitionOrTheCaller() {
		CircuitBreaker breaker = new CircuitBreaker("orders", CircuitBreakerTests.config(WindowType.COUNT_BASED, null),
				this.clock, (policy, from, to) -> {
					throw new IllegalStateException("listener broke");
				});
		CircuitBreakerTests.fail(breaker, 4);
		assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
	}

	private CircuitBreaker breaker(WindowType type) {
		return new CircuitBreaker("orders", CircuitBreakerTests.config(type, null), this.clock, this.listener);
	}

}
