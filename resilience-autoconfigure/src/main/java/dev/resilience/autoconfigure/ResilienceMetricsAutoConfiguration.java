package dev.resilience.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.resilience.metrics.MicrometerPolicyMetricsFactory;
import dev.resilience.policy.PolicyMetricsFactory;

/**
 * Meters of every policy in the application's {@link MeterRegistry}. Runs after Boot's metrics
 * auto-configurations, so that their registry exists, and before the core, so that the policy
 * registry finds the factory. Without a registry policies record nothing.
 */
@AutoConfiguration(before = ResilienceAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class ResilienceMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PolicyMetricsFactory resiliencePolicyMetricsFactory(MeterRegistry registry) {
		return new MicrometerPolicyMetricsFactory(registry);
	}

}
