package dev.resilience.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.resilience.Resilience;
import dev.resilience.cloud.ResilienceCircuitBreakerFactory;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;

/**
 * The starter with Spring Cloud: with {@code spring-cloud-commons}, a Spring Cloud
 * {@link CircuitBreakerFactory} on the policies unless the application declares one, customized
 * by the application's {@code Customizer<ResilienceCircuitBreakerFactory>} beans in their order;
 * with {@code spring-cloud-context}, live configuration on {@code EnvironmentChangeEvent}. Before
 * Spring Cloud's own auto-configuration, whose circuit breaker parts (OpenFeign's, HTTP service
 * groups') look for a factory bean.
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class,
		beforeName = { "org.springframework.cloud.client.CommonsClientAutoConfiguration",
				"org.springframework.cloud.openfeign.FeignAutoConfiguration" })
@ConditionalOnBean(Resilience.class)
public final class ResilienceSpringCloudAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(CircuitBreakerFactory.class)
	static class CircuitBreakerFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean(CircuitBreakerFactory.class)
		ResilienceCircuitBreakerFactory resilienceCircuitBreakerFactory(Resilience resilience,
				PolicyRegistry registry, ObjectProvider<Customizer<ResilienceCircuitBreakerFactory>> customizers) {
			ResilienceCircuitBreakerFactory factory = new ResilienceCircuitBreakerFactory(resilience, (name) -> {
				Policy policy = registry.find(name);
				return policy != null && policy.configured();
			});
			customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
			return factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(EnvironmentChangeEvent.class)
	static class LiveConfigurationConfiguration {

		@Bean
		LiveConfiguration resilienceLiveConfiguration(PolicyRegistry registry) {
			return new LiveConfiguration(registry);
		}

	}

}
