package dev.resilience.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.resilience.policy.Policy;

/**
 * The retry budget's meters of one policy (§15): the refused-retries counter and the
 * available-retries gauge, both read from the budget when scraped, so nothing is recorded on
 * the call path. They hold the policy only weakly.
 */
final class RetryBudgetMeters {

	static final String REFUSED = "resilience.retry.budget.refused";

	static final String AVAILABLE = "resilience.retry.budget.available";

	private RetryBudgetMeters() {
	}

	static void register(MeterRegistry registry, Policy policy) {
		FunctionCounter.builder(REFUSED, policy, (p) -> p.retryBudget().refused())
			.description("Retries the retry budget refused")
			.tag("policy", policy.name())
			.register(registry);
		Gauge.builder(AVAILABLE, policy, (p) -> p.retryBudget().available(p.settings().retry().budget()))
			.description("Retries the retry budget would allow now")
			.tag("policy", policy.name())
			.register(registry);
	}

}
