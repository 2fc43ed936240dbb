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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CountBasedWindowTests {

	private static final int SUCCESS = 0;

	private final Thresholds thresholds = new Thresholds(new CircuitBreakerConfig(true, WindowType.COUNT_BASED, 4,
			4, 50f, Duration.ofSeconds(1), 100f, Duration.ofSeconds(30), 5));

	@Test
	void startsEmpty() {
		assertThat(new CountBasedWindow(4).totals()).isEqualTo(WindowTotals.EMPTY);
	}

	@Test
	void countsFailuresAndSlowCallsIndependently() {
		CountBasedWindow window = new CountBasedWindow(4);
		window.record(Outcome.FAILED, this.thresholds);
		window.record(Outcome.SLOW, this.thresholds);
		window.record(Outcome.FAILED | Outcome.SLOW, this.thresholds);
		assertThat(window.totals()).isEqualTo(new WindowTotals(3, 2, 2));
	}

	@Test
	void evictsTheOldestOutcomeWhenFull() {
		CountBasedWindow window = new CountBasedWindow(3);
		window.record(Outcome.FAILED | Outcome.SLOW, this.thresholds);
		window.record(Outcome.FAILED, this.thresholds);
		window.record(SUCCESS, this.thresholds);
		window.record(SUCCESS, this.thresholds);
		assertThat(window.totals()).isEqualTo(new WindowTotals(3, 1, 0));
		window.record(SUCCESS, this.thresholds);
		assertThat(window.totals()).isEqualTo(new WindowTotals(3, 0, 0));
	}

	@Test
	void keepsExactTotalsWhenARecordRepeatsTheOutcomeItEvicts() {
		CountBasedWindow window = new CountBasedWindow(2);
		window.record(Outcome.FAILED, this.thresholds);
		window.record(SUCCESS, this.thresholds);
		window.record(Outcome.FAILED, this.thresholds);
		window.record(SUCCESS, this.thresholds);
		assertThat(window.totals()).isEqualTo(new WindowTotals(2, 1, 0));
		window.record(SUCCESS, this.thresholds);
		assertThat(window.totals()).isEqualTo(new WindowTotals(2, 0, 0));
		window.record(Outcome.FAILED | Outcome.SLOW, this.thresholds);
		assertThat(window.totals()).isEqualTo(new WindowTotals(2, 1, 1));
	}

	@Test
	void evictsAFailureAfterSizeRecordsEvenWhenItFollowsAFullWindowOfSuccesses() {
		CountBasedWindow window = new CountBasedWindow(3);
		for (int i = 0; i < 5; i++) {
			window.record(SUCCESS, this.thresholds);
		}
		window.record(Outcome.FAILED, this.thresholds);
		window.record(SUCCESS, this.thresholds);
		window.record(SUCCESS, this.thresholds);
		assertThat(window.totals()).isEqualTo(new WindowTotals(3, 1, 0));
		window.record(SUCCESS, this.thresholds);
		assertThat(window.totals()).isEqualTo(new WindowTotals(3, 0, 0));
	}

	@Test
	void recordJudgesTheTotalsRightAfterIt() {
		CountBasedWindow window = new CountBasedWindow(4);
		assertThat(window.record(Outcome.FAILED, this.thresholds)).isFalse();
		assertThat(window.record(Outcome.FAILED, this.thresholds)).isFalse();
		assertThat(window.record(SUCCESS, this.thresholds)).isFalse();
		assertThat(window.record(SUCCESS, this.thresholds)).isTrue();
		assertThat(window.record(SUCCESS, this.thresholds)).as("a failure evicted").isFalse();
	}

	@Test
	void holdsTheLargestSize() {
		CountBasedWindow window = new CountBasedWindow(CountBasedWindow.MAX_SIZE);
		for (int i = 0; i < CountBasedWindow.MAX_SIZE; i++) {
			window.record(Outcome.FAILED | Outcome.SLOW, this.thresholds);
		}
		long max = CountBasedWindow.MAX_SIZE;
		assertThat(window.totals()).isEqualTo(new WindowTotals(max, max, max));
	}

	@Test
	void rejectsSizesOutsideTheCountFields() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CountBasedWindow(0));
		assertThatIllegalArgumentException().isThrownBy(() -> new CountBasedWindow(CountBasedWindow.MAX_SIZE + 1));
	}

	@Test
	void keepsExactTotalsWhenMoreThreadsThanSlotsRaceForTheSameSlots() throws Exception {
		int size = 4;
		CountBasedWindow window = new CountBasedWindow(size);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				int outcome = thread % 4;
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 50_000; i++) {
						window.record(outcome, this.thresholds);
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
		WindowTotals raced = window.totals();
		assertThat(raced.calls()).isEqualTo(size);
		assertThat(raced.failures()).isBetween(0L, (long) size);
		assertThat(raced.slowCalls()).isBetween(0L, (long) size);
		for (int i = 0; i < size; i++) {
			window.record(Outcome.FAILED, this.thresholds);
		}
		assertThat(window.totals()).as("a lost or doubled difference would stay in the totals")
			.isEqualTo(new WindowTotals(size, size, 0));
	}

}
