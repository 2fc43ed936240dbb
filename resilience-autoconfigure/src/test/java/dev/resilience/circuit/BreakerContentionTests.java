package dev.resilience.circuit;

import java.io.IOException;
import java.time.Duration;
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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.retry.backoff.Sleeper;

import dev.resilience.CircuitOpenException;
import dev.resilience.actuate.ResilienceEndpoint;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.classify.ClassifierConfig;
import dev.resilience.metrics.MicrometerPolicyMetricsFactory;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.CountingSleeper;
import dev.resilience.policy.HttpSettings;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.policy.PolicySettings;
import dev.resilience.retry.RetrySettings;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many threads hammer one policy through {@code @Resilient} while its circuit opens, goes
 * half-open (when the test moves the breaker's clock) and closes or opens again, round after
 * round: the half-open circuit never lets
 * more than the permitted trials in, and every view of the state agrees: the breaker, the
 * registry, the actuator endpoint, the state gauges and the transition counters.
 */
class BreakerContentionTests {

	private static final int THREADS = 8;

	private static final int PERMITTED = 3;

	private static final int ROUNDS = 20;

	private static final Duration OPEN_WAIT = Duration.ofSeconds(30);

	private final MutableClock clock = new MutableClock();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicBoolean stop = new AtomicBoolean();

	/** Bumped by the test; each thread notes the value read before its last finished call. */
	private final AtomicLong epoch = new AtomicLong();

	private final AtomicLongArray finishedEpoch = new AtomicLongArray(THREADS);

	private final LongAdder rejections = new LongAdder();

	private final LongAdder unexpected = new LongAdder();

	@ParameterizedTest(name = "max-attempts={0}")
	@ValueSource(ints = { 1, 3 })
	void halfOpenNeverAdmitsMoreThanThePermittedTrials(int maxAttempts) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(Sleeper.class, CountingSleeper::new)
			.withBean(PolicyRegistry.class, () -> registry(maxAttempts))
			.withBean(GatedService.class)
			.run((context) -> {
				GatedService service = context.getBean(GatedService.class);
				PolicyRegistry registry = context.getBean(PolicyRegistry.class);
				Views views = new Views(registry, this.meters);
				CircuitBreaker breaker = registry.find("inventory").circuitBreaker();
				ExecutorService callers = Executors.newFixedThreadPool(THREADS);
				try {
					List<Future<?>> hammers = new ArrayList<>();
					for (int t = 0; t < THREADS; t++) {
						int index = t;
						hammers.add(callers.submit(() -> hammer(service, index)));
					}
					for (int round = 0; round < ROUNDS; round++) {
						playRound(round, service, views, breaker);
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
	 * The policy on a clock the test moves, so that the circuit goes half-open exactly when the
	 * test says, however slowly a shared machine runs the threads.
	 */
	private PolicyRegistry registry(int maxAttempts) {
		CircuitBreakerConfig breaker = new CircuitBreakerConfig(true, WindowType.COUNT_BASED, 10, 10, 50f, null, 100f,
				OPEN_WAIT, PERMITTED);
		PolicySettings settings = new PolicySettings(true, RetrySettings.defaults().withMaxAttempts(maxAttempts),
				breaker, ClassifierConfig.empty(), HttpSettings.defaults(), Duration.ofSeconds(30));
		return new PolicyRegistry(new FixedSettings("inventory", settings), List.of(), this.clock,
				new MicrometerPolicyMetricsFactory(this.meters));
	}

	/**
	 * Opens the circuit, lets the wait in open state pass while every thread keeps calling, holds
	 * the trials the half-open state admits at the gate while the others keep trying, then lets
	 * the trials succeed (even rounds) or fail (odd rounds).
	 */
	private void playRound(int round, GatedService service, Views views, CircuitBreaker breaker) {
		if (breaker.state() != CircuitState.OPEN) {
			service.failAtOnce();
			awaitState(breaker, CircuitState.OPEN);
		}
		settle();
		service.holdAtGate();
		this.clock.advance(OPEN_WAIT);

		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
			.until(() -> service.inside() >= PERMITTED);
		long rejectedBefore = this.rejections.sum();
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
			.until(() -> this.rejections.sum() >= rejectedBefore + 2_000);
		assertThat(service.entered()).as("round %d: calls let in while half-open", round).isEqualTo(PERMITTED);
		assertThat(service.mostInside()).as("round %d: most trials at once", round).isEqualTo(PERMITTED);
		views.assertAgree(breaker, CircuitState.HALF_OPEN);
		awaitTransitions(views, CircuitState.OPEN, CircuitState.HALF_OPEN, round + 1);
		assertThat(breaker.bufferedCalls()).as("no trial has finished").isZero();

		boolean trialsFail = round % 2 == 1;
		service.openGate(trialsFail);
		CircuitState verdict = trialsFail ? CircuitState.OPEN : CircuitState.CLOSED;
		awaitState(breaker, verdict);
		views.assertAgree(breaker, verdict);
		awaitTransitions(views, CircuitState.HALF_OPEN, verdict, round / 2 + 1);
	}

	/** Returns once every thread has finished a call begun after this point: none is left over. */
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

	/** The counter is told after the move, by the thread that made it: it may lag for an instant. */
	private static void awaitTransitions(Views views, CircuitState from, CircuitState to, long expected) {
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(2))
			.untilAsserted(() -> assertThat(views.transitions(from, to)).as("transitions %s -> %s", from, to)
				.isEqualTo(expected));
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

	/** What else shows the circuit's state: the registry, the actuator endpoint, the meters. */
	private record Views(PolicyRegistry registry, MeterRegistry meters) {

		void assertAgree(CircuitBreaker breaker, CircuitState expected) {
			assertThat(breaker.state()).isEqualTo(expected);
			assertThat(this.registry.all()).filteredOn((policy) -> policy.name().equals("inventory"))
				.singleElement()
				.satisfies((policy) -> assertThat(policy.circuitBreaker().state()).isEqualTo(expected));
			assertThat(new ResilienceEndpoint(this.registry).policy("inventory").getBody())
				.extractingByKey("circuit", as(InstanceOfAssertFactories.MAP))
				.containsEntry("state", expected.tagValue());
			for (CircuitState state : CircuitState.values()) {
				assertThat(this.meters.get("resilience.circuitbreaker.state")
					.tag("policy", "inventory")
					.tag("state", state.tagValue())
					.gauge()
					.value()).as("gauge of %s", state).isEqualTo((state == expected) ? 1.0 : 0.0);
			}
		}

		long transitions(CircuitState from, CircuitState to) {
			Counter counter = this.meters.find("resilience.circuitbreaker.transitions")
				.tag("policy", "inventory")
				.tag("from", from.tagValue())
				.tag("to", to.tagValue())
				.counter();
			return (counter != null) ? (long) counter.count() : 0;
		}

	}

}
