package dev.resilience.benchmarks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.EnableResilientMethods;

/** Spring Framework 7's own {@code @Retryable}. */
@Configuration(proxyBeanMethods = false)
@EnableResilientMethods
class FrameworkRetryConfiguration {

	@Bean
	FrameworkRetryWork frameworkRetryWork() {
		return new FrameworkRetryWork();
	}

}
