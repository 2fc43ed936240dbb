package dev.resilience.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.resilience.limit.PolicyLimits;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyMetrics;
import dev.resilience.policy.PolicyMetricsFactory;

/** Registers each policy's meters in one {@link MeterRegistry} when the policy is created. */
public final class MicrometerPolicyMetricsFactory implements PolicyMetricsFactory {

	static final String BULKHEAD_CALLS = "resilience.bulkhead.calls";

	private final MeterRegistry registry;

	public MicrometerPolicyMetricsFactory(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public PolicyMetrics create(Policy policy) {
		CircuitBreakerMeters breakerMeters = new CircuitBreakerMeters(this.registry, policy.name(),
				policy.circuitBreaker());
		Gauge.builder(BULKHEAD_CALLS, policy.limits(), PolicyLimits::callsHoldingAPlace)
			.description("Calls of the policy holding a bulkhead place now, abandoned time-limited attempts included")
			.tag("policy", policy.name())
			.register(this.registry);
		RetryBudgetMeters.register(this.registry, policy);
		return new MicrometerPolicyMetrics(this.registry, policy.name(), breakerMeters);
	}

}
