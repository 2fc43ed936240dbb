package dev.resilience.policy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.BulkheadFullException;
import dev.resilience.LiveThreads;
import dev.resilience.TimeoutExceededException;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Time limits (§12) and bulkheads (§13) against methods blocked in {@code Thread.sleep}, a latch,
 * a loop that ignores interrupts, and a hanging HTTP server read by a client without timeouts.
 * Limits are short and the slack generous: a loaded machine may be slow to wake a thread, but a
 * hang would last the 30 seconds the methods block.
 */
class TimeLimitTests {

	private static final Duration SLACK = Duration.ofSeconds(5);

	/** The attempt limit of the bulkhead test: the bound on its "rejected at once" too. */
	private static final Duration STUBBORN_LIMIT = Duration.ofSeconds(1);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(CountingSleeper.class)
		.withBean(BlockingService.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void releasesTheCallerAtTheAttemptLimitAndInterruptsTheAttempt() {
		this.runner.withPropertyValues("resilience.policies.latched.timeout.attempt=200ms",
				"resilience.policies.latched.retry.max-attempts=1")
			.run((context) -> {
				BlockingService service = context.getBean(BlockingService.class);
				long start = System.nanoTime();
				assertThatExceptionOfType(TimeoutExceededException.class).isThrownBy(service::await)
					.satisfies((ex) -> {
						assertThat(ex.getPolicy()).isEqualTo("latched");
						assertThat(ex.getLimit()).isEqualTo(Duration.ofMillis(200));
						assertThat(ex.isTotal()).isFalse();
						assertThat(ex.getStackTrace()).isEmpty();
					});
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(SLACK);
				await().atMost(SLACK).untilAsserted(() -> assertThat(service.interrupts()).isEqualTo(1));
				assertThat(service.running()).isZero();
				assertThat(Thread.currentThread().isInterrupted()).isFalse();
			});
	}

	@Test
	void runsTimeLimitedAttemptsOnTheStartersThreadsAndOthersOnTheCallers() {
		this.runner.withPropertyValues("resilience.policies.latched.timeout.attempt=5s").run((context) -> {
			BlockingService service = context.getBean(BlockingService.class);
			service.release();
			assertThat(service.await()).isEqualTo("released");
			assertThat(service.quick()).isEqualTo("quick");
			assertThat(service.threads()).hasSize(2);
			assertThat(service.threads().get(0)).startsWith("resilience-attempt-latched");
			assertThat(service.threads().get(1)).isEqualTo(Thread.currentThread().getName());
		});
	}

	@Test
	void retriesAfterAnAttemptTimeoutWithTheBackoffWait() {
		this.runner.withPropertyValues("resilience.policies.sleepy.timeout.attempt=100ms").run((context) -> {
			BlockingService service = context.getBean(BlockingService.class);
			assertThatExceptionOfType(TimeoutExceededException.class).isThrownBy(service::sleep).satisfies((ex) -> {
				assertThat(ex.isTotal()).isFalse();
				assertThat(ex.getSuppressed()).hasSize(2).allSatisfy((earlier) -> assertThat(earlier)
					.isInstanceOf(TimeoutExceededException.class));
			});
			assertThat(service.attempts()).isEqualTo(3);
			assertThat(context.getBean(CountingSleeper.class).sleeps()).isEqualTo(2);
			Policy policy = context.getBean(PolicyRegistry.class).find("sleepy");
			assertThat(policy.counts().get(CallOutcome.EXHAUSTED)).isEqualTo(1);
			await().atMost(SLACK).untilAsserted(() -> assertThat(service.interrupts()).isEqualTo(3));
		});
	}

	@Test
	void theBreakerRecordsAnAttemptCutOffByItsLimitAsAFailureAndAsSlow() {
		this.runner
			.withPropertyValues("resilience.policies.sleepy.timeout.attempt=100ms",
					"resilience.policies.sleepy.retry.max-attempts=1",
					"resilience.policies.sleepy.circuit-breaker.minimum-number-of-calls=1",
					"resilience.policies.sleepy.circuit-breaker.failure-rate-threshold=100",
					"resilience.policies.sleepy.circuit-breaker.slow-call-duration-threshold=1h")
			.run((context) -> {
				BlockingService service = context.getBean(BlockingService.class);
				assertThatExceptionOfType(TimeoutExceededException.class).isThrownBy(service::sleep);
				Policy policy = context.getBean(PolicyRegistry.class).find("sleepy");
				assertThat(policy.circuitBreaker().failureRate()).isEqualTo(100f);
				assertThat(policy.circuitBreaker().slowCallRate()).isEqualTo(100f);
			});
	}

	@Test
	void doesNotRetryANonIdempotentCallAfterAnAttemptTimeout() {
		this.runner.withPropertyValues("resilience.policies.sleepy.timeout.attempt=100ms").run((context) -> {
			BlockingService service = context.getBean(BlockingService.class);
			assertThatExceptionOfType(TimeoutExceededException.class).isThrownBy(service::sleepNotIdempotent);
			assertThat(service.attempts()).isEqualTo(1);
			assertThat(context.getBean(CountingSleeper.class).sleeps()).isZero();
			assertThat(context.getBean(PolicyRegistry.class).find("sleepy").counts().get(CallOutcome.ABORTED))
				.isEqualTo(1);
		});
	}

	@Test
	void totalLimitEndsTheCallAtOnceWithTheEarlierFailuresSuppressed() {
		this.runner
			.withPropertyValues("resilience.policies.sleepy.timeout.attempt=150ms",
					"resilience.policies.sleepy.timeout.total=400ms", "resilience.policies.sleepy.retry.max-attempts=10",
					"resilience.policies.sleepy.retry.backoff.initial-interval=1ms",
					"resilience.policies.sleepy.retry.backoff.multiplier=1")
			.run((context) -> {
				BlockingService service = context.getBean(BlockingService.class);
				long start = System.nanoTime();
				assertThatExceptionOfType(TimeoutExceededException.class).isThrownBy(service::sleep)
					.satisfies((ex) -> {
						assertThat(ex.isTotal()).isTrue();
						assertThat(ex.getLimit()).isEqualTo(Duration.ofMillis(400));
						// Three attempts (150 + 150 + the 100 left), two when a loaded machine
						// wakes the caller late: every earlier one is attached.
						assertThat(ex.getSuppressed()).hasSize(service.attempts() - 1)
							.allSatisfy((earlier) -> assertThat(((TimeoutExceededException) earlier).isTotal())
								.isFalse());
					});
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(SLACK);
				assertThat(service.attempts()).isBetween(2, 3);
				assertThat(context.getBean(PolicyRegistry.class).find("sleepy").counts().get(CallOutcome.EXHAUSTED))
					.isEqualTo(1);
			});
	}

	@Test
	void theCallersMdcIsInEffectInsideTheAttemptAndGoneAfterIt() {
		this.runner.withPropertyValues("resilience.policies.latched.timeout.attempt=5s").run((context) -> {
			BlockingService service = context.getBean(BlockingService.class);
			service.release();
			MDC.put("request", "42");
			try {
				service.await();
			}
			finally {
				MDC.remove("request");
			}
			service.await();
			assertThat(service.requestIds()).containsExactly("42", "null");
		});
	}

	@Test
	void releasesTheCallerOfAHangingServerReadWithoutAnyClientTimeout() throws Exception {
		try (ScriptedHttpServer server = new ScriptedHttpServer()) {
			server.script("/hang", ScriptedHttpServer.Response.hang());
			this.runner
				.withPropertyValues("resilience.policies.http.timeout.attempt=1s",
						"resilience.policies.http.retry.max-attempts=2")
				.run((context) -> {
					BlockingService service = context.getBean(BlockingService.class);
					long start = System.nanoTime();
					assertThatExceptionOfType(TimeoutExceededException.class)
						.isThrownBy(() -> service.get(server.url("/hang")));
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2))
						.isLessThan(Duration.ofSeconds(2).plus(SLACK));
					assertThat(service.attempts()).isEqualTo(2);
					// The first request of a new client may need most of a second on a loaded machine.
					await().atMost(SLACK).untilAsserted(() -> assertThat(server.received("/hang")).isNotEmpty());
				});
		}
	}

	@Test
	void bulkheadRejectsAtOnceWhileAbandonedAttemptsStillHoldTheirPlaces() {
		this.runner
			.withPropertyValues("resilience.policies.stubborn.timeout.attempt=" + STUBBORN_LIMIT.toMillis() + "ms",
					"resilience.policies.stubborn.retry.max-attempts=1",
					"resilience.policies.stubborn.bulkhead.max-concurrent-calls=2")
			.run((context) -> {
				BlockingService service = context.getBean(BlockingService.class);
				Policy policy = context.getBean(PolicyRegistry.class).find("stubborn");
				assertThatExceptionOfType(TimeoutExceededException.class).isThrownBy(service::ignoreInterrupts);
				assertThatExceptionOfType(TimeoutExceededException.class).isThrownBy(service::ignoreInterrupts);
				assertThat(service.running()).as("abandoned attempts still hang").isEqualTo(2);
				assertThat(policy.limits().callsHoldingAPlace()).isEqualTo(2);
				long start = System.nanoTime();
				assertThatExceptionOfType(BulkheadFullException.class).isThrownBy(service::ignoreInterrupts)
					.satisfies((ex) -> {
						assertThat(ex.getPolicy()).isEqualTo("stubborn");
						assertThat(ex.getMaxConcurrentCalls()).isEqualTo(2);
					});
				// At once: sooner than a wait for a place, cut at the limit, could have ended.
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(STUBBORN_LIMIT);
				assertThat(service.attempts()).as("the rejected call never reached the method").isEqualTo(2);
				assertThat(policy.counts().get(CallOutcome.REJECTED)).isEqualTo(1);
				service.release();
				await().atMost(SLACK).untilAsserted(() -> assertThat(policy.limits().callsHoldingAPlace()).isZero());
				assertThat(service.ignoreInterrupts()).isEqualTo("released");
			});
	}

	@Test
	void bulkheadWithoutTimeLimitHoldsThePlaceForTheWholeCallOnTheCallersThread() throws Exception {
		ExecutorService callers = Executors.newSingleThreadExecutor();
		try {
			this.runner.withPropertyValues("resilience.policies.latched.bulkhead.max-concurrent-calls=1")
				.run((context) -> {
					BlockingService service = context.getBean(BlockingService.class);
					Future<String> first = callers.submit(service::await);
					await().atMost(SLACK).until(() -> service.running() == 1);
					assertThatExceptionOfType(BulkheadFullException.class).isThrownBy(service::await);
					service.release();
					assertThat(first.get()).isEqualTo("released");
					assertThat(service.threads()).singleElement().asString().doesNotStartWith("resilience-attempt");
					assertThat(service.await()).isEqualTo("released");
				});
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void bulkheadWaitsUpToMaxWaitForAPlace() {
		// Two callers of our own: the common pool may have a single thread on a small machine.
		ExecutorService callers = Executors.newFixedThreadPool(2);
		try {
			waitsForAPlace(callers);
		}
		finally {
			callers.shutdownNow();
		}
	}

	private void waitsForAPlace(ExecutorService callers) {
		this.runner
			.withPropertyValues("resilience.policies.latched.bulkhead.max-concurrent-calls=1",
					"resilience.policies.latched.bulkhead.max-wait=10s")
			.run((context) -> {
				BlockingService service = context.getBean(BlockingService.class);
				CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> call(service), callers);
				await().atMost(SLACK).until(() -> service.running() == 1);
				CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> call(service), callers);
				await().atMost(SLACK).until(() -> context.getBean(PolicyRegistry.class)
					.find("latched")
					.limits()
					.bulkhead()
					.queued() == 1);
				assertThat(service.attempts()).isEqualTo(1);
				service.release();
				assertThat(first.get()).isEqualTo("released");
				assertThat(second.get()).isEqualTo("released");
			});
	}

	@Test
	void attemptThreadsEndWhenTheContextCloses() {
		LiveThreads threads = LiveThreads.snapshot();
		this.runner
			.withPropertyValues("resilience.policies.sleepy.timeout.attempt=100ms",
					"resilience.policies.sleepy.retry.max-attempts=1", "resilience.policies.quick.timeout.attempt=5s")
			.run((context) -> {
				BlockingService service = context.getBean(BlockingService.class);
				assertThatExceptionOfType(TimeoutExceededException.class).isThrownBy(service::sleep);
				assertThat(service.quick()).isEqualTo("quick");
			});
		threads.assertAllEndedWithin(SLACK);
	}

	private static String call(BlockingService service) {
		try {
			return service.await();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
