package dev.resilience.circuit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** New settings applied to a running breaker (live configuration): state and window stay. */
class ReconfigureTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock();

	private final RecordingListener listener = new RecordingListener();

	private final CircuitBreaker breaker = new CircuitBreaker("payments", config(10, 50f, ForcedState.NONE),
			this.clock, this.listener);

	@Test
	void newThresholdsJudgeTheWindowAlreadyRecorded() {
		CircuitBreakerTests.succeed(this.breaker, 2);
		CircuitBreakerTests.fail(this.breaker, 1);
		this.breaker.reconfigure(config(10, 30f, ForcedState.NONE));
		assertThat(this.breaker.bufferedCalls()).isEqualTo(3);
		CircuitBreakerTests.succeed(this.breaker, 1);
		assertThat(this.breaker.state()).as("1 of 4 failed: below 30%").isEqualTo(CircuitState.CLOSED);
		CircuitBreakerTests.fail(this.breaker, 1);
		assertThat(this.breaker.state()).as("2 of 5 failed: 40%").isEqualTo(CircuitState.OPEN);
	}

	@Test
	void aChangedWindowSizeStartsAFreshWindow() {
		CircuitBreakerTests.fail(this.breaker, 3);
		this.breaker.reconfigure(config(20, 50f, ForcedState.NONE));
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(this.breaker.bufferedCalls()).isZero();
		assertThat(this.listener.transitions()).isEmpty();
	}

	@Test
	void anOpenCircuitStaysOpenUntilItsWaitEnds() {
		CircuitBreakerTests.fail(this.breaker, 4);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.OPEN);
		this.breaker.reconfigure(config(20, 90f, ForcedState.NONE));
		assertThat(this.breaker.state()).isEqualTo(CircuitState.OPEN);
		assertThat(this.breaker.tryAcquirePermission()).isFalse();
		this.clock.advance(WAIT);
		assertThat(this.breaker.tryAcquirePermission()).isTrue();
		assertThat(this.breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
	}

	@Test
	void forcedStateMovesTheCircuitAtOnceAndNoneReleasesItToClosed() {
		CircuitBreakerTests.fail(this.breaker, 2);
		this.breaker.reconfigure(config(10, 50f, ForcedState.FORCED_OPEN));
		assertThat(this.breaker.state()).isEqualTo(CircuitState.FORCED_OPEN);
		this.breaker.reconfigure(config(10, 40f, ForcedState.FORCED_OPEN));
		assertThat(this.breaker.state()).as("unchanged forced state holds").isEqualTo(CircuitState.FORCED_OPEN);
		this.breaker.reconfigure(config(10, 50f, ForcedState.DISABLED));
		assertThat(this.breaker.state()).isEqualTo(CircuitState.DISABLED);
		this.breaker.reconfigure(config(10, 50f, ForcedState.NONE));
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(this.breaker.bufferedCalls()).isZero();
		assertThat(this.listener.transitions()).containsExactly("payments: closed -> forced_open",
				"payments: forced_open -> disabled", "payments: disabled -> closed");
	}

	@Test
	void aBreakerConfiguredForcedOpenStartsThere() {
		CircuitBreaker forced = new CircuitBreaker("payments", config(10, 50f, ForcedState.FORCED_OPEN), this.clock,
				this.listener);
		assertThat(forced.state()).isEqualTo(CircuitState.FORCED_OPEN);
	}

	@Test
	void disablingAndEnablingMoveTheCircuit() {
		CircuitBreakerConfig disabled = new CircuitBreakerConfig(false, WindowType.COUNT_BASED, 10, 4, 50f, null, 100f,
				WAIT, 2);
		this.breaker.reconfigure(disabled);
		assertThat(this.breaker.state()).isEqualTo(CircuitState.DISABLED);
		this.breaker.reconfigure(config(10, 50f, ForcedState.NONE));
		assertThat(this.breaker.state()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void settingsPastTheBreakersLimitsChangeNothing() {
		CircuitBreakerTests.fail(this.breaker, 1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.breaker.reconfigure(config(CountBasedWindow.MAX_SIZE + 1, 50f, ForcedState.NONE)));
		assertThat(this.breaker.config().slidingWindowSize()).isEqualTo(10);
		assertThat(this.breaker.bufferedCalls()).isEqualTo(1);
	}

	private static CircuitBreakerConfig config(int window, float failureRate, ForcedState forced) {
		return new CircuitBreakerConfig(true, WindowType.COUNT_BASED, window, 4, failureRate, null, 100f, WAIT, 2,
				forced);
	}

}
