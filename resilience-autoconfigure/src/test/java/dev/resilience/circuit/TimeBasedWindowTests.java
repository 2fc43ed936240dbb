package dev.resilience.circuit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeBasedWindowTests {

	private static final int SUCCESS = 0;

	private final MutableClock clock = new MutableClock();

	private final Thresholds thresholds = new Thresholds(new CircuitBreakerConfig(true, WindowType.TIME_BASED, 3, 4,
			50f, Duration.ofSeconds(1), 100f, Duration.ofSeconds(30), 5));

	private final TimeBasedWindow window = new TimeBasedWindow(3, () -> this.clock.millis() * 1_000_000L);

	@Test
	void countsCallsOfTheCurrentSecond() {
		this.window.record(Outcome.FAILED, this.thresholds);
		this.window.record(Outcome.SLOW, this.thresholds);
		this.window.record(SUCCESS, this.thresholds);
		assertThat(this.window.totals()).isEqualTo(new WindowTotals(3, 1, 1));
	}

	@Test
	void dropsTheBucketsOfSecondsThatLeftTheWindowAsTheClockAdvances() {
		this.window.record(Outcome.FAILED, this.thresholds);
		this.clock.advance(Duration.ofSeconds(1));
		this.window.record(Outcome.SLOW, this.thresholds);
		this.clock.advance(Duration.ofSeconds(1));
		this.window.record(SUCCESS, this.thresholds);
		assertThat(this.window.totals()).isEqualTo(new WindowTotals(3, 1, 1));
		this.clock.advance(Duration.ofMillis(999));
		assertThat(this.window.totals()).as("still in the third second").isEqualTo(new WindowTotals(3, 1, 1));
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.window.totals()).isEqualTo(new WindowTotals(2, 0, 1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.window.totals()).isEqualTo(new WindowTotals(1, 0, 0));
	}

	@Test
	void reusesAStaleBucketFromZero() {
		this.window.record(Outcome.FAILED, this.thresholds);
		this.clock.advance(Duration.ofSeconds(3));
		this.window.record(SUCCESS, this.thresholds);
		assertThat(this.window.totals()).isEqualTo(new WindowTotals(1, 0, 0));
	}

	@Test
	void forgetsEverythingAfterALongSilence() {
		this.window.record(Outcome.FAILED, this.thresholds);
		this.clock.advance(Duration.ofHours(5));
		assertThat(this.window.totals()).isEqualTo(WindowTotals.EMPTY);
		this.window.record(Outcome.FAILED, this.thresholds);
		assertThat(this.window.totals()).isEqualTo(new WindowTotals(1, 1, 0));
	}

	@Test
	void countsIntoTheLatestSecondWhenTheClockGoesBack() {
		this.clock.advance(Duration.ofSeconds(2));
		this.window.record(Outcome.FAILED, this.thresholds);
		this.clock.advance(Duration.ofSeconds(-2));
		this.window.record(Outcome.FAILED, this.thresholds);
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.window.totals()).as("both left with the latest second").isEqualTo(WindowTotals.EMPTY);
	}

	@Test
	void recordJudgesTheTotalsRightAfterIt() {
		assertThat(this.window.record(Outcome.FAILED, this.thresholds)).isFalse();
		assertThat(this.window.record(Outcome.FAILED, this.thresholds)).isFalse();
		assertThat(this.window.record(SUCCESS, this.thresholds)).isFalse();
		assertThat(this.window.record(SUCCESS, this.thresholds)).isTrue();
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(this.window.record(Outcome.FAILED, this.thresholds)).as("below minimum again").isFalse();
	}

	@Test
	void keepsExactTotalsUnderConcurrentRecords() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 50_000; i++) {
						this.window.record(i % 4, this.thresholds);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.window.totals()).isEqualTo(new WindowTotals(400_000, 200_000, 200_000));
	}

}
