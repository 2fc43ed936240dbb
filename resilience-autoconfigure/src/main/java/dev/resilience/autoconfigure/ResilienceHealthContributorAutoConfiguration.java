package dev.resilience.autoconfigure;

import java.util.Locale;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

import dev.resilience.actuate.ResilienceHealthIndicator;
import dev.resilience.policy.InvalidSettingException;
import dev.resilience.policy.PolicyRegistry;

/**
 * The {@code resilience} health contributor (disable with
 * {@code management.health.resilience.enabled=false}).
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(PolicyRegistry.class)
@ConditionalOnEnabledHealthIndicator("resilience")
public final class ResilienceHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "resilienceHealthIndicator")
	ResilienceHealthIndicator resilienceHealthIndicator(PolicyRegistry registry, ResilienceProperties properties) {
		Status openCircuitStatus = openCircuitStatus(properties.getHealth().getOpenCircuitStatus());
		return new ResilienceHealthIndicator(registry, openCircuitStatus);
	}

	private static Status openCircuitStatus(String status) {
		if (status == null || status.isBlank()) {
			throw new InvalidSettingException("resilience.health.open-circuit-status", (status != null) ? status : "",
					"must be a health status", "Set it to UP (the default), DOWN, OUT_OF_SERVICE or a custom status.");
		}
		return new Status(status.trim().toUpperCase(Locale.ROOT));
	}

}
