package dev.resilience.circuit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerConcurrencyTests {

	private static final int THREADS = 8;

	private static final long FAST = Duration.ofMillis(1).toNanos();

	private static final long SLOW = Duration.ofMillis(200).toNanos();

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final ExecutorService executor = Executors.newFixedThreadPool(16);

	private final MutableClock clock = new MutableClock();

	private final RecordingListener listener = new RecordingListener();

	@AfterEach
	void stopThreads() throws InterruptedException {
		this.executor.shutdownNow();
		assertThat(this.executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(WindowType.class)
	void keepsExactCountsUnderConcurrentMixedOutcomes(WindowType type) throws Exception {
		int callsPerThread = 50_000;
		int calls = THREADS * callsPerThread;
		int size = (type == WindowType.COUNT_BASED) ? calls + 100_000 : 60;
		// The minimum is only reached by the very last record, and neither rate reaches its threshold.
		CircuitBreaker breaker = new CircuitBreaker("payments", new CircuitBreakerConfig(true, type, size, calls, 50f,
				Duration.ofMillis(100), 100f, WAIT, 5), this.clock, this.listener);
		AtomicInteger admitted = new AtomicInteger();
		race(THREADS, () -> {
			for (int i = 0; i < callsPerThread; i++) {
				if (breaker.tryAcquirePermission()) {
					admitted.incrementAndGet();
				}
				long duration = isSlow(i) ? SLOW : FAST;
				if (isFailure(i)) {
					breaker.onFailure(duration);
				}
				else {
					breaker.onSuccess(duration);
				}
			}
			return true;
		});
		long failures = THREADS * countOf(callsPerThread, 3);
		long slowCalls = THREADS * countOf(callsPerThread, 5);
		assertThat(admitted).hasValue(calls);
		assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
		assertThat(breaker.bufferedCalls()).isEqualTo(calls);
		assertThat(breaker.failureRate()).isEqualTo(Thresholds.rate(failures, calls));
		assertThat(breaker.slowCallRate()).isEqualTo(Thresholds.rate(slowCalls, calls));
		assertThat(this.listener.transitions()).isEmpty();
	}

	@Test
	void admitsExactlyThePermittedTrialsWhenThreadsRaceIntoHalfOpen() throws Exception {
		int rounds = 200;
		int permitted = 3;
		CircuitBreaker breaker = new CircuitBreaker("payments", new CircuitBreakerConfig(true, WindowType.COUNT_BASED,
				1, 1, 50f, null, 100f, WAIT, permitted), this.clock, this.listener);
		for (int round = 0; round < rounds; round++) {
			assertThat(breaker.tryAcquirePermission()).isTrue();
			breaker.onFailure(FAST);
			this.clock.advance(WAIT);
			List<Boolean> results = race(16, breaker::tryAcquirePermission);
			assertThat(results).as("round %d", round).filteredOn(Boolean::booleanValue).hasSize(permitted);
			for (int i = 0; i < permitted; i++) {
				breaker.onSuccess(FAST);
			}
			assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
		}
		assertThat(this.listener.transitions()).filteredOn("payments: open -> half_open"::equals).hasSize(rounds);
		assertThat(this.listener.transitions()).hasSize(3 * rounds);
	}

	@Test
	void neverHasMoreThanThePermittedTrialsInFlight() throws Exception {
		int permitted = 3;
		CircuitBreaker breaker = new CircuitBreaker("payments", new CircuitBreakerConfig(true, WindowType.COUNT_BASED,
				1, 1, 50f, null, 100f, WAIT, permitted), this.clock, this.listener);
		breaker.tryAcquirePermission();
		breaker.onFailure(FAST);
		this.clock.advance(WAIT);
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostInFlight = new AtomicInteger();
		AtomicInteger admitted = new AtomicInteger();
		race(16, () -> {
			for (int i = 0; i < 20_000; i++) {
				if (breaker.tryAcquirePermission()) {
					admitted.incrementAndGet();
					mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
					inFlight.decrementAndGet();
					breaker.onIgnored();
				}
			}
			return true;
		});
		assertThat(mostInFlight.get()).isBetween(1, permitted);
		assertThat(admitted.get()).isGreaterThan(permitted);
		assertThat(breaker.state()).as("ignored trials bring no verdict").isEqualTo(CircuitState.HALF_OPEN);
		assertThat(breaker.bufferedCalls()).isZero();
	}

	/** Runs {@code task} on {@code threads} threads released together; fails rather than hangs. */
	private <T> List<T> race(int threads, Callable<T> task) throws Exception {
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			futures.add(this.executor.submit(() -> {
				ready.countDown();
				assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
				return task.call();
			}));
		}
		assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get(60, TimeUnit.SECONDS));
		}
		return results;
	}

	private static boolean isFailure(int call) {
		return call % 3 == 0;
	}

	private static boolean isSlow(int call) {
		return call % 5 == 0;
	}

	/** How many of the calls {@code 0 .. calls - 1} are multiples of {@code every}. */
	private static long countOf(int calls, int every) {
		return (calls + every - 1) / every;
	}

}
