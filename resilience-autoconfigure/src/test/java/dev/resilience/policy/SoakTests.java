package dev.resilience.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.retry.backoff.Sleeper;

import dev.resilience.CircuitOpenException;
import dev.resilience.LiveThreads;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.logging.RepeatLimitedLogProbe;
import dev.resilience.policy.FlappingHttpServer.Fault;
import dev.resilience.policy.FlappingHttpServer.Shares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads make tens of thousands of calls through {@code @Resilient} against a real HTTP
 * server that flaps: nothing is lost, nothing spins, memory stays flat, no thread is left.
 * {@code -Dsoak.calls=1000000} makes a longer soak (not under {@code resilience.}: the context would
 * refuse it as an unknown key).
 */
class SoakTests {

	private static final int THREADS = 8;

	private static final int CALLS = Integer.getInteger("soak.calls", 60_000);

	private static final int MAX_ATTEMPTS = 4;

	private static final int WINDOW = 50;

	private static final Duration READ_TIMEOUT = Duration.ofMillis(200);

	private static final Shares SHARES = new Shares(0.10, 0.01, 0.02, 0.0003, Duration.ofSeconds(1),
			Duration.ofMillis(80), Duration.ofMillis(400));

	private final CountingPolicyMetrics metrics = new CountingPolicyMetrics();

	private final CountingSleeper sleeper = new CountingSleeper();

	private final SoakObservations observed = new SoakObservations(MAX_ATTEMPTS);

	/** Released when the test ends, so that no caller stays paused. */
	private final CountDownLatch finished = new CountDownLatch(1);

	@Test
	void everyCallEndsOnceAndEveryAttemptIsAccountedFor() throws Exception {
		LiveThreads threads = LiveThreads.snapshot();
		try (FlappingHttpServer server = new FlappingHttpServer(SHARES, 42, 32)) {
			runner(server).run((context) -> {
				FlappingClient client = context.getBean(FlappingClient.class);
				Policy policy = context.getBean(PolicyRegistry.class).find("flapping");
				long start = System.nanoTime();
				callFromManyThreads(client, policy.circuitBreaker());
				long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
				System.out.printf("Soak: %d calls in %d ms (%d calls/s), %d attempts, %d requests; %s%n", CALLS,
						millis, CALLS * 1000L / Math.max(1, millis), this.metrics.attempts(), server.requests(),
						outcomes(policy));

				assertThat(this.observed.surprises()).isEmpty();
				assertEveryCallEndedOnce(policy);
				await().atMost(Duration.ofSeconds(5)).until(() -> server.attemptsSeen() == client.invocations());
				assertEveryAttemptIsAccountedFor(server, client);
				assertEveryRetryWaited();
				assertMemoryStaysFlat(context.getBean(PolicyExecutor.class), policy.circuitBreaker());
				for (Fault fault : Fault.values()) {
					assertThat(server.attemptsWith(fault)).as("attempts given %s", fault).isPositive();
				}
			});
		}
		finally {
			this.finished.countDown();
		}
		threads.assertAllEndedWithin(Duration.ofSeconds(10));
	}

	private ApplicationContextRunner runner(FlappingHttpServer server) {
		String p = "resilience.policies.flapping.";
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(Sleeper.class, () -> this.sleeper)
			.withBean(PolicyMetricsFactory.class, () -> this.metrics)
			.withBean(FlappingClient.class, () -> new FlappingClient(server.url(), READ_TIMEOUT))
			.withPropertyValues(p + "retry.max-attempts=" + MAX_ATTEMPTS, p + "retry.backoff.initial-interval=100ms",
					p + "circuit-breaker.sliding-window-size=" + WINDOW,
					p + "circuit-breaker.minimum-number-of-calls=20",
					p + "circuit-breaker.failure-rate-threshold=50",
					p + "circuit-breaker.wait-duration-in-open-state=50ms",
					p + "circuit-breaker.permitted-calls-in-half-open-state=5");
	}

	private void callFromManyThreads(FlappingClient client, CircuitBreaker breaker) throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(THREADS, FlappingHttpServer.named("soak-caller-"));
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int calls = CALLS / THREADS + ((t < CALLS % THREADS) ? 1 : 0);
				futures.add(callers.submit(() -> callRepeatedly(client, breaker, calls)));
			}
			for (Future<?> future : futures) {
				future.get(3, TimeUnit.MINUTES);
			}
		}
		finally {
			callers.shutdownNow();
			assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	private Void callRepeatedly(FlappingClient client, CircuitBreaker breaker, int calls)
			throws InterruptedException {
		for (int i = 0; i < calls; i++) {
			FlappingClient.startCall();
			try {
				client.get();
				this.observed.returned(FlappingClient.attemptsOfCall());
			}
			catch (RuntimeException ex) {
				if (this.observed.failed(ex, FlappingClient.attemptsOfCall()) == CallOutcome.REJECTED) {
					pauseUntil(((CircuitOpenException) ex).getRetryAt());
				}
			}
			if (i % 64 == 0) {
				this.observed.bufferedCalls(breaker.bufferedCalls());
			}
		}
		return null;
	}

	/**
	 * A polite caller waits for the circuit's retry-at after a rejection (at least 1ms, as a
	 * half-open circuit says "now") instead of spinning through rejections.
	 */
	private void pauseUntil(Instant retryAt) throws InterruptedException {
		long millis = (retryAt != null) ? Duration.between(Instant.now(), retryAt).toMillis() : 50;
		this.finished.await(Math.min(100, Math.max(1, millis)), TimeUnit.MILLISECONDS);
	}

	private void assertEveryCallEndedOnce(Policy policy) {
		assertThat(this.observed.total()).isEqualTo(CALLS);
		for (CallOutcome outcome : CallOutcome.values()) {
			assertThat(this.observed.get(outcome)).as("calls %s seen by the threads", outcome).isPositive();
			assertThat(policy.counts().get(outcome)).as("policy count of %s", outcome)
				.isEqualTo(this.observed.get(outcome));
			assertThat(this.metrics.calls(outcome)).as("calls %s reported to the meters", outcome)
				.isEqualTo(this.observed.get(outcome));
		}
	}

	private void assertEveryAttemptIsAccountedFor(FlappingHttpServer server, FlappingClient client) {
		long rejected = this.metrics.attempts(AttemptOutcome.REJECTED);
		assertThat(rejected).isEqualTo(this.observed.get(CallOutcome.REJECTED));
		assertThat(this.metrics.attempts() - rejected).as("attempts that reached the method")
			.isEqualTo(client.invocations());
		assertThat(this.metrics.attempts()).as("attempts = attempts the server saw + rejections")
			.isEqualTo(server.attemptsSeen() + rejected);
		assertThat(this.metrics.highestAttempt()).isEqualTo(MAX_ATTEMPTS);
	}

	private void assertEveryRetryWaited() {
		assertThat(this.metrics.retries()).isPositive();
		assertThat(this.sleeper.sleeps()).as("waits slept").isEqualTo(this.metrics.retries());
		assertThat(this.metrics.backoffs()).as("waits reported").isEqualTo(this.metrics.retries());
	}

	private void assertMemoryStaysFlat(PolicyExecutor executor, CircuitBreaker breaker) {
		assertThat(this.observed.mostBufferedCalls()).isPositive().isLessThanOrEqualTo(WINDOW);
		assertThat(breaker.bufferedCalls()).isLessThanOrEqualTo(WINDOW);
		assertThat(RepeatLimitedLogProbe.keyCount(executor.warnings())).as("de-duplication keys")
			.isEqualTo(this.observed.warningKinds().size());
	}

	private static String outcomes(Policy policy) {
		StringBuilder text = new StringBuilder();
		for (CallOutcome outcome : CallOutcome.values()) {
			text.append(outcome.tagValue()).append('=').append(policy.counts().get(outcome)).append(' ');
		}
		return text.toString().trim();
	}

}
