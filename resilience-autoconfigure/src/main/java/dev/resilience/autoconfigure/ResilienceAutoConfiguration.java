package dev.resilience.autoconfigure;

import java.time.Clock;
import java.util.List;

import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.retry.backoff.Sleeper;

import dev.resilience.FailureClassifier;
import dev.resilience.Resilience;
import dev.resilience.aop.ResilientBeanPostProcessor;
import dev.resilience.http.PolicyRestClients;
import dev.resilience.http.PolicyWebClients;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.InvalidSettingException;
import dev.resilience.policy.PolicyExecutor;
import dev.resilience.policy.PolicyMetricsFactory;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.retry.WaitScheduler;
import dev.resilience.retry.Waiter;
import dev.resilience.supervise.Supervisors;

/**
 * The core of the starter: policies from {@code resilience.*} properties, the executor, the
 * {@link Resilience} bean and the post-processor that applies {@code @Resilient}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ResilienceProperties.class)
@Import({ HttpClientsConfiguration.class, WebClientsConfiguration.class })
public final class ResilienceAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ResilientBeanPostProcessor resilientBeanPostProcessor(ObjectProvider<PolicyRegistry> registry,
			ObjectProvider<PolicyExecutor> executor, ObjectProvider<AsyncPolicyExecutor> asyncExecutor) {
		return new ResilientBeanPostProcessor(registry::getObject, executor::getObject, asyncExecutor::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	Waiter resilienceWaiter(ObjectProvider<Sleeper> sleeper) {
		return new Waiter(sleeper.getIfUnique());
	}

	/** Ends every backoff wait when the context closes (the waiter's destroy method does too). */
	@Bean
	static OnContextClosed resilienceWaiterClose(ObjectProvider<Waiter> waiter) {
		return new OnContextClosed(() -> waiter.ifAvailable(Waiter::close), Ordered.HIGHEST_PRECEDENCE);
	}

	@Bean
	@ConditionalOnMissingBean
	PolicyRegistry resiliencePolicyRegistry(ResilienceProperties properties, Environment environment,
			ConfigurableListableBeanFactory beanFactory, ObjectProvider<FailureClassifier> classifiers,
			ObjectProvider<PolicyMetricsFactory> metrics) {
		KnownKeys.of(ResilienceProperties.class, PolicyProperties.class).check(environment);
		SettingsMapper mapper = new SettingsMapper(beanFactory, beanFactory.getBeanClassLoader());
		PropertiesSettingsSource source = new PropertiesSettingsSource(() -> Binder.get(environment),
				properties.getPolicies().keySet(), mapper);
		List<FailureClassifier> ordered = classifiers.orderedStream().toList();
		int maxUnconfigured = properties.getMaxUnconfiguredPolicies();
		if (maxUnconfigured < 0) {
			throw new InvalidSettingException("resilience.max-unconfigured-policies", maxUnconfigured,
					"must not be negative", "Set resilience.max-unconfigured-policies to 0 or more (default "
							+ PolicyRegistry.DEFAULT_MAX_UNCONFIGURED + ").");
		}
		return new PolicyRegistry(source, ordered, Clock.systemUTC(), System::nanoTime,
				metrics.getIfAvailable(() -> PolicyMetricsFactory.NONE), maxUnconfigured);
	}

	@Bean
	@ConditionalOnMissingBean
	PolicyExecutor resiliencePolicyExecutor(Waiter waiter, ResilienceProperties properties) {
		RepeatLimitedLog warnings = new RepeatLimitedLog(LoggerFactory.getLogger("dev.resilience.retry"),
				SettingsMapper.positive("resilience.logging.repeat-interval",
						properties.getLogging().getRepeatInterval()),
				System::nanoTime);
		return new PolicyExecutor(waiter, System::nanoTime, warnings);
	}

	/** Waits of asynchronous calls; closed with the context, which ends the pending ones. */
	@Bean
	@ConditionalOnMissingBean
	WaitScheduler resilienceWaitScheduler(Waiter waiter) {
		return new WaitScheduler(waiter, System::nanoTime);
	}

	@Bean
	@ConditionalOnMissingBean
	AsyncPolicyExecutor resilienceAsyncPolicyExecutor(PolicyExecutor executor, WaitScheduler scheduler) {
		return new AsyncPolicyExecutor(executor, scheduler);
	}

	@Bean
	@ConditionalOnMissingBean
	Resilience resilience(PolicyRegistry registry, PolicyExecutor executor, AsyncPolicyExecutor asyncExecutor,
			ObjectProvider<Supervisors> supervisors, ObjectProvider<PolicyRestClients> restClients,
			ObjectProvider<PolicyWebClients> webClients) {
		Resilience resilience = new Resilience(registry, executor, supervisors.getIfAvailable());
		resilience.setAsyncExecutor(asyncExecutor);
		resilience.setWebClients(webClients::getIfAvailable);
		restClients.ifAvailable(resilience::setRestClients);
		return resilience;
	}

	@Bean
	PolicyUsageReport resiliencePolicyUsageReport(PolicyRegistry registry) {
		return new PolicyUsageReport(registry);
	}

}
