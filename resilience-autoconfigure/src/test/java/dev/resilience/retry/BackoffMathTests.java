package dev.resilience.retry;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BackoffMathTests {

	private static BackoffSettings backoff(long initialMillis, double multiplier, long maxMillis, double jitter,
			boolean immediate) {
		return new BackoffSettings(Duration.ofMillis(initialMillis), multiplier, Duration.ofMillis(maxMillis), jitter,
				immediate);
	}

	@Test
	void waitsGrowExponentiallyFromTheInitialInterval() {
		BackoffSettings settings = backoff(100, 2.0, 10_000, 0, false);
		assertThat(new double[] { BackoffMath.delayMillis(settings, 1, 0.3), BackoffMath.delayMillis(settings, 2, 0.3),
				BackoffMath.delayMillis(settings, 3, 0.3), BackoffMath.delayMillis(settings, 4, 0.3) })
			.containsExactly(100, 200, 400, 800);
	}

	@Test
	void matchesTheReferenceSequenceOfCenkaltiBackoff() {
		// cenkalti/backoff: initial 500ms, multiplier 1.5, max 60s, no randomization.
		BackoffSettings settings = backoff(500, 1.5, 60_000, 0, false);
		double[] waits = new double[12];
		for (int retry = 1; retry <= waits.length; retry++) {
			waits[retry - 1] = BackoffMath.delayMillis(settings, retry, 0.9);
		}
		assertThat(waits).startsWith(500, 750, 1125, 1687.5, 2531.25, 3796.875);
		assertThat(waits[11]).isCloseTo(500 * Math.pow(1.5, 11), within(1e-9));
	}

	@Test
	void computesEachWaitFromTheExponentSoNoRoundingAccumulates() {
		BackoffSettings settings = backoff(100, 1.1, Long.MAX_VALUE / 2_000_000, 0, false);
		assertThat(BackoffMath.delayMillis(settings, 50, 0)).isEqualTo(100 * Math.pow(1.1, 49));
	}

	@Test
	void capsEveryWaitAtMaxInterval() {
		BackoffSettings settings = backoff(1000, 3.0, 5000, 0, false);
		assertThat(BackoffMath.delayMillis(settings, 2, 0)).isEqualTo(3000);
		assertThat(BackoffMath.delayMillis(settings, 3, 0)).isEqualTo(5000);
		assertThat(BackoffMath.delayMillis(settings, 30, 0)).isEqualTo(5000);
	}

	@Test
	void fixedIntervalWithMultiplierOne() {
		BackoffSettings settings = backoff(250, 1.0, 10_000, 0, false);
		assertThat(BackoffMath.delayMillis(settings, 1, 0)).isEqualTo(250);
		assertThat(BackoffMath.delayMillis(settings, 7, 0)).isEqualTo(250);
	}

	@Test
	void immediateFirstRetryWaitsNothingThenBacksOffFromTheInitialInterval() {
		BackoffSettings settings = backoff(100, 2.0, 10_000, 0.5, true);
		assertThat(BackoffMath.delayMillis(settings, 1, 0.99)).isZero();
		assertThat(BackoffMath.baseDelayMillis(settings, 2)).isEqualTo(100);
		assertThat(BackoffMath.baseDelayMillis(settings, 3)).isEqualTo(200);
	}

	@Test
	void jitterSpreadsAWaitUniformlyAroundItsBase() {
		BackoffSettings settings = backoff(1000, 2.0, 60_000, 0.5, false);
		assertThat(BackoffMath.delayMillis(settings, 1, 0.0)).isEqualTo(500);
		assertThat(BackoffMath.delayMillis(settings, 1, 0.5)).isEqualTo(1000);
		assertThat(BackoffMath.delayMillis(settings, 1, 0.999999)).isCloseTo(1500, within(0.01));
	}

	@Test
	void jitteredWaitIsDrawnBelowMaxIntervalWithoutPilingOnIt() {
		BackoffSettings settings = backoff(1000, 2.0, 1200, 0.5, false);
		assertThat(BackoffMath.delayMillis(settings, 1, 0.0)).isEqualTo(500);
		assertThat(BackoffMath.delayMillis(settings, 1, 0.5)).isEqualTo(850);
		assertThat(BackoffMath.delayMillis(settings, 1, 0.99)).isCloseTo(1193, within(0.01));
	}

	@Test
	void cappedWaitsStaySpreadOverTheLowerHalfUpToTheCap() {
		BackoffSettings settings = backoff(1000, 2.0, 10_000, 0.5, false);
		SplittableRandom random = new SplittableRandom(7);
		int atCap = 0;
		double min = Double.MAX_VALUE;
		double max = 0;
		for (int i = 0; i < 10_000; i++) {
			double wait = BackoffMath.delayMillis(settings, 8, random.nextDouble());
			min = Math.min(min, wait);
			max = Math.max(max, wait);
			if (wait >= 9_999.5) {
				atCap++;
			}
		}
		assertThat(min).isGreaterThanOrEqualTo(5_000).isLessThan(5_010);
		assertThat(max).isLessThanOrEqualTo(10_000).isGreaterThan(9_990);
		assertThat(atCap).isLessThan(10);
	}

	@Test
	void manyDrawsStayInBoundsAndCoverTheRange() {
		BackoffSettings settings = backoff(1000, 2.0, 60_000, 0.3, false);
		SplittableRandom random = new SplittableRandom(42);
		double min = Double.MAX_VALUE;
		double max = 0;
		double sum = 0;
		int draws = 100_000;
		int[] deciles = new int[10];
		for (int i = 0; i < draws; i++) {
			double wait = BackoffMath.delayMillis(settings, 2, random.nextDouble());
			min = Math.min(min, wait);
			max = Math.max(max, wait);
			sum += wait;
			deciles[(int) Math.min(9, (wait - 1400) / 120)]++;
		}
		assertThat(min).isGreaterThanOrEqualTo(1400).isLessThan(1405);
		assertThat(max).isLessThanOrEqualTo(2600).isGreaterThan(2595);
		assertThat(sum / draws).isCloseTo(2000, within(10.0));
		for (int count : deciles) {
			assertThat(count).isBetween(draws / 10 - 600, draws / 10 + 600);
		}
	}

}
