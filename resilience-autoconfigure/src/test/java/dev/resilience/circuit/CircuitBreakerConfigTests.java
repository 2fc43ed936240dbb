package dev.resilience.circuit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class CircuitBreakerConfigTests {

	@Test
	void defaultsAreThoseOfTheContract() {
		assertThat(CircuitBreakerConfig.defaults()).isEqualTo(new CircuitBreakerConfig(true, WindowType.COUNT_BASED,
				100, 20, 50f, null, 100f, Duration.ofSeconds(30), 5));
	}

	@Test
	void acceptsNoSlowCallDurationThreshold() {
		assertThat(CircuitBreakerConfig.defaults().slowCallDurationThreshold()).isNull();
	}

	@Test
	void rejectsAMissingWindowTypeOrWait() {
		assertThatNullPointerException().isThrownBy(() -> config(null, 10, 50f, Duration.ofSeconds(1), 1))
			.withMessageContaining("windowType");
		assertThatNullPointerException().isThrownBy(() -> config(WindowType.COUNT_BASED, 10, 50f, null, 1))
			.withMessageContaining("waitDurationInOpenState");
	}

	@Test
	void rejectsCountsBelowOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> config(WindowType.COUNT_BASED, 0, 50f, Duration.ofSeconds(1), 1))
			.withMessageContaining("slidingWindowSize");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> config(WindowType.COUNT_BASED, 10, 50f, Duration.ofSeconds(1), 0))
			.withMessageContaining("permittedCallsInHalfOpenState");
	}

	@Test
	void rejectsThresholdsOutsidePercent() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> config(WindowType.COUNT_BASED, 10, 0f, Duration.ofSeconds(1), 1))
			.withMessageContaining("failureRateThreshold");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> config(WindowType.COUNT_BASED, 10, 100.5f, Duration.ofSeconds(1), 1))
			.withMessageContaining("failureRateThreshold");
	}

	@Test
	void rejectsAWaitThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> config(WindowType.COUNT_BASED, 10, 50f, Duration.ZERO, 1))
			.withMessageContaining("waitDurationInOpenState");
	}

	private static CircuitBreakerConfig config(WindowType type, int size, float failureRate, Duration wait,
			int permitted) {
		return new CircuitBreakerConfig(true, type, size, 1, failureRate, null, 100f, wait, permitted);
	}

}
