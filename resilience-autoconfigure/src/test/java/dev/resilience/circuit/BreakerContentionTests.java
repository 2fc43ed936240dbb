package dev.resilience.circuit;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.retry.backoff.Sleeper;

import dev.resilience.CircuitOpenException;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.CountingPolicyMetrics;
import dev.resilience.policy.CountingSleeper;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyMetricsFactory;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads hammer one policy through {@code @Resilient} while its circuit opens, goes
 * half-open and closes or opens again, round after round: the half-open circuit never lets
 * more than the permitted trials in, and every view of the state agrees.
 */
class BreakerContentionTests {

	private static final int THREADS = 8;

	private static final int PERMITTED = 3;

	private static final int ROUNDS = 6;

	private static final Duration OPEN_WAIT = Duration.ofMillis(300);

	private final CountingPolicyMetrics metrics = new CountingPolicyMetrics();

	private final AtomicBoolean stop = new AtomicBoolean();

	/** Bumped by the test; each thread notes the value read before its last finished call. */
	private final AtomicLong epoch = new AtomicLong();

	private final AtomicLongArray finishedEpoch = new AtomicLongArray(THREADS);

	private final LongAdder rejections = new LongAdder();

	private final LongAdder unexpected = new LongAdder();

	@ParameterizedTest(name = "max-attempts={0}")
	@ValueSource(ints = { 1, 3 })
	void halfOpenNeverAdmitsMoreThanThePermittedTrials(int maxAttempts) {
		String p = "resilience.policies.inventory.";
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(Sleeper.class, CountingSleeper::new)
			.withBean(PolicyMetricsFactory.class, () -> this.metrics)
			.withBean(GatedService.class)
			.withPropertyValues(p + "retry.max-attempts=" + maxAttempts, p + "circuit-breaker.sliding-window-size=10",
					p + "circuit-breaker.minimum-number-of-calls=10",
					p + "circuit-breaker.wait-duration-in-open-state=" + OPEN_WAIT.toMillis() + "ms",
					p + "circuit-breaker.permitted-calls-in-half-open-state=" + PERMITTED)
			.run((context) -> {
				GatedService service = context.getBean(GatedService.class);
				PolicyRegistry registry = context.getBean(PolicyRegistry.class);
				CircuitBreaker breaker = registry.find("inventory").circuitBreaker();
				ExecutorService callers = Executors.newFixedThreadPool(THREADS);
				try {
					List<Future<?>> hammers = new ArrayList<>();
					for (int t = 0; t < THREADS; t++) {
						int index = t;
						hammers.add(callers.submit(() -> hammer(service, index)));
					}
					for (int round = 0; round < ROUNDS; round++) {
						playRound(round, service, registry, breaker);
					}
					this.stop.set(true);
					for (Future<?> hammer : hammers) {
						hammer.get(30, TimeUnit.SECONDS);
					}
				}
				finally {
					this.stop.set(true);
					service.openGate(false);
					callers.shutdownNow();
					assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
				}
				assertThat(this.unexpected.sum()).isZero();
				assertThat(registry.find("inventory").counts().get(CallOutcome.REJECTED))
					.isEqualTo(this.rejections.sum());
			});
	}

	/**
	 * Opens the circuit, holds the trials of the half-open state at the gate while the other
	 * threads keep calling, then lets the trials succeed (even rounds) or fail (odd rounds).
	 */
	private void playRound(int round, GatedService service, PolicyRegistry registry, CircuitBreaker breaker) {
		if (breaker.state() != CircuitState.OPEN) {
			service.failAtOnce();
			awaitState(breaker, CircuitState.OPEN);
		}
		Instant retryAt = breaker.retryAt();
		settle();
		service.holdAtGate();
		assertThat(breaker.retryAt()).as("round %d: still the same open state (machine too slow?)", round)
			.isEqualTo(retryAt);

		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
			.until(() -> service.inside() == PERMITTED);
		long rejectedBefore = this.rejections.sum();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
			.until(() -> this.rejections.sum() >= rejectedBefore + 2_000);
		assertThat(service.entered()).as("round %d: calls let in while half-open", round).isEqualTo(PERMITTED);
		assertThat(service.mostInside()).as("round %d: most trials at once", round).isEqualTo(PERMITTED);
		assertViewsAgree(registry, breaker, CircuitState.HALF_OPEN);
		assertThat(breaker.bufferedCalls()).as("no trial has finished").isZero();

		boolean trialsFail = round % 2 == 1;
		service.openGate(trialsFail);
		CircuitState verdict = trialsFail ? CircuitState.OPEN : CircuitState.CLOSED;
		awaitState(breaker, verdict);
		assertViewsAgree(registry, breaker, verdict);
	}

	/** Returns once every thread has finished a call begun after this point. */
	private void settle() {
		long now = this.epoch.incrementAndGet();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(() -> {
			for (int t = 0; t < THREADS; t++) {
				if (this.finishedEpoch.get(t) < now) {
					return false;
				}
			}
			return true;
		});
	}

	private void assertViewsAgree(PolicyRegistry registry, CircuitBreaker breaker, CircuitState expected) {
		assertThat(breaker.state()).isEqualTo(expected);
		Policy listed = registry.all().stream().filter((policy) -> policy.name().equals("inventory")).findFirst()
			.orElseThrow();
		assertThat(listed.circuitBreaker().state()).isEqualTo(expected);
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
			.until(() -> this.metrics.lastTransitionTo() == expected);
	}

	private static void awaitState(CircuitBreaker breaker, CircuitState state) {
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2)).until(() -> breaker.state() == state);
	}

	private Void hammer(GatedService service, int index) {
		while (!this.stop.get()) {
			long seen = this.epoch.get();
			try {
				service.call();
			}
			catch (CircuitOpenException ex) {
				this.rejections.increment();
			}
			catch (IOException ex) {
				// the dependency is down: expected
			}
			catch (Exception ex) {
				this.unexpected.increment();
			}
			this.finishedEpoch.set(index, seen);
		}
		return null;
	}

}
