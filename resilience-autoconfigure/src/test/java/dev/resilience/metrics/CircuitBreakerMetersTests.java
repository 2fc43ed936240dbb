package dev.resilience.metrics;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.circuit.CircuitBreakerConfig;
import dev.resilience.circuit.CircuitState;
import dev.resilience.circuit.TransitionListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CircuitBreakerMetersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void transitionsAreCountedByFromAndTo() {
		CircuitBreakerMeters meters = new CircuitBreakerMeters(this.registry, "payments", breaker());
		meters.transition(CircuitState.CLOSED, CircuitState.OPEN);
		meters.transition(CircuitState.OPEN, CircuitState.HALF_OPEN);
		meters.transition(CircuitState.HALF_OPEN, CircuitState.OPEN);
		meters.transition(CircuitState.OPEN, CircuitState.HALF_OPEN);
		assertThat(this.registry.find(CircuitBreakerMeters.TRANSITIONS).counters())
			.extracting((counter) -> counter.getId().getTag("from") + "->" + counter.getId().getTag("to") + "="
					+ counter.count())
			.containsExactlyInAnyOrder("closed->open=1.0", "open->half_open=2.0", "half_open->open=1.0");
	}

	@Test
	void gaugesDoNotKeepTheBreakerAlive() {
		CircuitBreaker breaker = breaker();
		WeakReference<CircuitBreaker> reference = new WeakReference<>(breaker);
		new CircuitBreakerMeters(this.registry, "payments", breaker);
		assertThat(this.registry.get(CircuitBreakerMeters.STATE).tag("state", "closed").gauge().value()).isEqualTo(1);
		breaker = null;
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return reference.get() == null;
		});
		assertThat(this.registry.get(CircuitBreakerMeters.STATE).tag("state", "closed").gauge().value()).isNaN();
	}

	private static CircuitBreaker breaker() {
		return new CircuitBreaker("payments", CircuitBreakerConfig.defaults(), Clock.systemUTC(),
				TransitionListener.NONE);
	}

}
