package dev.resilience.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.metrics.SupervisedMeters;
import dev.resilience.retry.Waiter;
import dev.resilience.supervise.SupervisedMetricsFactory;
import dev.resilience.supervise.Supervisors;

/**
 * Supervised connections: the {@link Supervisors} that runs them and stops them with the
 * context, and their meters when the application has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = ResilienceAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
@ConditionalOnBean(Waiter.class)
public final class ResilienceSupervisionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Supervisors resilienceSupervisors(Waiter waiter, ResilienceProperties properties,
			ObjectProvider<SupervisedMetricsFactory> metrics) {
		RepeatLimitedLog warnings = new RepeatLimitedLog(LoggerFactory.getLogger("dev.resilience.supervise"),
				SettingsMapper.positive("resilience.logging.repeat-interval",
						properties.getLogging().getRepeatInterval()),
				System::nanoTime);
		return new Supervisors(waiter, Clock.systemUTC(), System::nanoTime, warnings,
				metrics.getIfAvailable(() -> SupervisedMetricsFactory.NONE));
	}

	/** Stops every supervised connection when the context closes (its destroy method does too). */
	@Bean
	static OnContextClosed resilienceSupervisorsClose(ObjectProvider<Supervisors> supervisors) {
		return new OnContextClosed(() -> supervisors.ifAvailable(Supervisors::close), Ordered.HIGHEST_PRECEDENCE + 1);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class SupervisedMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SupervisedMetricsFactory resilienceSupervisedMeters(MeterRegistry registry) {
			return new SupervisedMeters(registry);
		}

	}

}
