package dev.resilience.tracing;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;

import dev.resilience.policy.CallTracing;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyMetrics;

/**
 * Traces every call of every policy through the application's {@link Tracer}: a
 * {@code resilience.call} span per call and a {@code resilience.attempt} child per attempt. The
 * spans are observations of a registry of our own whose only handler is the tracing one, so that
 * they are spans and nothing else (the application's registry would also time them as meters,
 * beside {@code resilience.calls} and {@code resilience.attempts}). They are current while they
 * run, as the application's observations are, so HTTP client spans and log correlation see them,
 * and Micrometer's context propagation carries them to other threads. Loaded only when
 * micrometer-tracing is present and a tracer bean exists. Thread-safe.
 */
public final class ObservedCalls implements CallTracing {

	private final ObservationRegistry registry = ObservationRegistry.create();

	public ObservedCalls(Tracer tracer) {
		this.registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
	}

	ObservationRegistry registry() {
		return this.registry;
	}

	@Override
	public PolicyMetrics traced(Policy policy, PolicyMetrics metrics) {
		return new TracedPolicyMetrics(policy.name(), this.registry, metrics);
	}

}
