package dev.resilience.autoconfigure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;

/**
 * Once every singleton is created (and so every annotated bean bound): one INFO per policy used but not configured (it runs on the
 * defaults), one WARN per policy configured but unused (likely a typo in a name).
 */
class PolicyUsageReport implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger("dev.resilience.config");

	private final PolicyRegistry registry;

	PolicyUsageReport(PolicyRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (Policy policy : this.registry.all()) {
			if (policy.used() && !policy.configured()) {
				logger.info("Policy '{}' is not configured under resilience.policies: it runs on resilience.defaults",
						policy.name());
			}
			else if (!policy.used() && policy.configured()) {
				logger.warn("Policy '{}' is configured under resilience.policies but no @Resilient method, client or "
						+ "supervised connection uses it (yet): is its name misspelled?", policy.name());
			}
		}
	}

}
