package dev.resilience.circuit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdsTests {

	private static final long MILLI = 1_000_000L;

	@Test
	void callIsSlowFromTheDurationThresholdOn() {
		Thresholds thresholds = new Thresholds(config(Duration.ofMillis(100)));
		assertThat(thresholds.outcome(false, 100 * MILLI - 1)).isZero();
		assertThat(thresholds.outcome(false, 100 * MILLI)).isEqualTo(Outcome.SLOW);
		assertThat(thresholds.outcome(true, 100 * MILLI)).isEqualTo(Outcome.FAILED | Outcome.SLOW);
	}

	@Test
	void noCallIsSlowWithoutDurationThreshold() {
		Thresholds thresholds = new Thresholds(config(null));
		assertThat(thresholds.outcome(false, Long.MAX_VALUE)).isZero();
		assertThat(thresholds.outcome(true, Long.MAX_VALUE)).isEqualTo(Outcome.FAILED);
	}

	@Test
	void tripsOnlyFromTheMinimumNumberOfCalls() {
		Thresholds thresholds = new Thresholds(config(null));
		assertThat(thresholds.trips(3, 3, 0)).isFalse();
		assertThat(thresholds.trips(4, 2, 0)).isTrue();
	}

	@Test
	void tripsWhenFailureRateReachesThreshold() {
		Thresholds thresholds = new Thresholds(config(null));
		assertThat(thresholds.trips(10, 4, 0)).isFalse();
		assertThat(thresholds.trips(10, 5, 0)).isTrue();
	}

	@Test
	void tripsWhenSlowCallRateReachesThreshold() {
		Thresholds thresholds = new Thresholds(config(Duration.ofMillis(100)));
		assertThat(thresholds.trips(10, 0, 7)).isFalse();
		assertThat(thresholds.trips(10, 0, 8)).isTrue();
	}

	@Test
	void ignoresSlowCallsWithoutDurationThreshold() {
		Thresholds thresholds = new Thresholds(config(null));
		assertThat(thresholds.trips(10, 0, 10)).isFalse();
	}

	@Test
	void exceededJudgesRatesWhateverTheNumberOfCalls() {
		Thresholds thresholds = new Thresholds(config(null));
		assertThat(thresholds.exceeded(2, 1, 0)).isTrue();
		assertThat(thresholds.exceeded(3, 1, 0)).isFalse();
		assertThat(thresholds.exceeded(0, 0, 0)).isFalse();
	}

	@Test
	void reportsMinusOneBelowTheMinimumNumberOfCalls() {
		Thresholds thresholds = new Thresholds(config(null));
		assertThat(thresholds.reported(0, 0)).isEqualTo(-1f);
		assertThat(thresholds.reported(3, 3)).isEqualTo(-1f);
		assertThat(thresholds.reported(1, 4)).isEqualTo(25f);
	}

	private static CircuitBreakerConfig config(Duration slowCallDurationThreshold) {
		return new CircuitBreakerConfig(true, WindowType.COUNT_BASED, 10, 4, 50f, slowCallDurationThreshold, 80f,
				Duration.ofSeconds(30), 5);
	}

}
