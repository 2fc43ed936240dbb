package dev.resilience.autoconfigure;

import java.util.function.Predicate;

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
import dev.resilience.cloud.ResilienceReactiveCircuitBreakerFactory;
import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;

/**
 * The starter with Spring Cloud: with {@code spring-cloud-commons}, a Spring Cloud
 * {@link CircuitBreakerFactory} on the policies unless the application declares one, customized
 * by the application's {@code Customizer<ResilienceCircuitBreakerFactory>} beans in their order,
 * and with Reactor too, a {@code ReactiveCircuitBreakerFactory} the same way
 * ({@code Customizer<ResilienceReactiveCircuitBreakerFactory>});
 * with {@code spring-cloud-context}, live configuration on {@code EnvironmentChangeEvent}. Before
 * Spring Cloud's own auto-configuration, whose circuit breaker parts (OpenFeign's, HTTP service
 * groups') look for a factory bean.
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class,
		beforeName = { "org.springframework.cloud.client.CommonsClientAutoConfiguration",
				"org.springframework.cloud.openfeign.FeignAutoConfiguration" })
@ConditionalOnBean(Resilience.class)
public final class ResilienceSpringCloudAutoConfiguration {

	/** Whether a policy name is configured under {@code resilience.policies} (now, not at startup). */
	static Predicate<String> configured(PolicyRegistry registry) {
		return (name) -> {
			Policy policy = registry.find(name);
			return policy != null && policy.configured();
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(CircuitBreakerFactory.class)
	static class CircuitBreakerFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean(CircuitBreakerFactory.class)
		ResilienceCircuitBreakerFactory resilienceCircuitBreakerFactory(Resilience resilience,
				PolicyRegistry registry, ObjectProvider<Customizer<ResilienceCircuitBreakerFactory>> customizers) {
			ResilienceCircuitBreakerFactory factory = new ResilienceCircuitBreakerFactory(resilience,
					configured(registry));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
			return factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory",
			"reactor.core.publisher.Mono" })
	static class ReactiveCircuitBreakerFactoryConfiguration {

		@Bean
		@ConditionalOnMissingBean(type = "org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory")
		ResilienceReactiveCircuitBreakerFactory resilienceReactiveCircuitBreakerFactory(PolicyRegistry registry,
				AsyncPolicyExecutor executor,
				ObjectProvider<Customizer<ResilienceReactiveCircuitBreakerFactory>> customizers) {
			ResilienceReactiveCircuitBreakerFactory factory = new ResilienceReactiveCircuitBreakerFactory(registry,
					executor, configured(registry));
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
