package dev.resilience.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import dev.resilience.policy.PolicyRegistry;

/**
 * Live configuration: when Spring Cloud reports changed keys under {@code resilience.} (a
 * configuration server or ConfigMap refresh, {@code /actuator/refresh}, {@code /actuator/env}),
 * every policy is bound again and validated, through the same path as the actuator's run-time
 * changes. Runs before Spring Cloud rebinds {@code @ConfigurationProperties} beans.
 */
final class LiveConfiguration implements ApplicationListener<EnvironmentChangeEvent>, Ordered {

	private final PolicyRegistry registry;

	LiveConfiguration(PolicyRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		if (concernsPolicies(event.getKeys())) {
			this.registry.refresh();
		}
	}

	/** Keys as the property sources spell them: {@code resilience.x}, {@code RESILIENCE_X}, {@code resilience[x]}. */
	static boolean concernsPolicies(Set<String> keys) {
		for (String key : keys) {
			String lower = key.toLowerCase(Locale.ROOT);
			if (lower.startsWith("resilience.") || lower.startsWith("resilience_") || lower.startsWith("resilience[")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

}
