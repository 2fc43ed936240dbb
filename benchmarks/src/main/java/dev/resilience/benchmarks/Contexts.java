package dev.resilience.benchmarks;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the benchmarks' Spring contexts: no web server, no banner, warnings only. The policy
 * {@code flaky} of the retry benchmarks fails half its attempts, so its circuit opens only at 100%.
 */
final class Contexts {

	private Contexts() {
	}

	static ConfigurableApplicationContext start(Class<?> configuration, String... properties) {
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn",
					"resilience.policies.flaky.circuit-breaker.failure-rate-threshold=100",
					// The peers have no retry budget: every call here retries once, which a budget would refuse.
					"resilience.policies.flaky.retry.budget.enabled=false")
			.properties(properties)
			.run();
	}

}
