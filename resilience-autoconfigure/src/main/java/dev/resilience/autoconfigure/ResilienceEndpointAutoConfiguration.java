package dev.resilience.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.resilience.actuate.ResilienceEndpoint;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.supervise.Supervisors;

/** The {@code resilience} actuator endpoint, when the actuator is present and the endpoint available. */
@AutoConfiguration(after = { ResilienceAutoConfiguration.class, ResilienceSupervisionAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(PolicyRegistry.class)
@ConditionalOnAvailableEndpoint(ResilienceEndpoint.class)
public final class ResilienceEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ResilienceEndpoint resilienceEndpoint(PolicyRegistry registry, ObjectProvider<Supervisors> supervisors) {
		return new ResilienceEndpoint(registry, supervisors.getIfAvailable());
	}

}
