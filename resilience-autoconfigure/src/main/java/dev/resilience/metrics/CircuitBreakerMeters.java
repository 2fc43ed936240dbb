package dev.resilience.metrics;

import java.util.concurrent.atomic.AtomicReferenceArray;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.circuit.CircuitState;

/**
 * The circuit breaker's meters of one policy: a state gauge per state, the failure-rate gauge,
 * and transition counters. The gauges hold the breaker only weakly (Micrometer's default), so
 * the meter registry never keeps a breaker alive. Thread-safe.
 */
final class CircuitBreakerMeters {

	static final String STATE = "resilience.circuitbreaker.state";

	static final String TRANSITIONS = "resilience.circuitbreaker.transitions";

	static final String FAILURE_RATE = "resilience.circuitbreaker.failure.rate";

	private static final CircuitState[] STATES = CircuitState.values();

	private final MeterRegistry registry;

	private final String policy;

	/** By {@code from.ordinal() * STATES.length + to.ordinal()}, registered on first use. */
	private final AtomicReferenceArray<Counter> transitions = new AtomicReferenceArray<>(STATES.length * STATES.length);

	CircuitBreakerMeters(MeterRegistry registry, String policy, CircuitBreaker breaker) {
		this.registry = registry;
		this.policy = policy;
		for (CircuitState state : STATES) {
			Gauge.builder(STATE, breaker, (b) -> (b.state() == state) ? 1 : 0)
				.description("1 for the circuit's current state, 0 for the others")
				.tag("policy", policy)
				.tag("state", state.tagValue())
				.register(registry);
		}
		Gauge.builder(FAILURE_RATE, breaker, CircuitBreaker::failureRate)
			.description("Failure rate of the circuit's window in percent, -1 below the minimum number of calls")
			.tag("policy", policy)
			.register(registry);
	}

	void transition(CircuitState from, CircuitState to) {
		int index = from.ordinal() * STATES.length + to.ordinal();
		Counter counter = this.transitions.get(index);
		if (counter == null) {
			// Registering twice in a race is harmless: the registry returns the same counter.
			counter = Counter.builder(TRANSITIONS)
				.description("Moves of the circuit from one state to another")
				.tag("policy", this.policy)
				.tag("from", from.tagValue())
				.tag("to", to.tagValue())
				.register(this.registry);
			this.transitions.set(index, counter);
		}
		counter.increment();
	}

}
