package dev.resilience.benchmarks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.annotation.EnableRetry;
import org.springframework.retry.backoff.Sleeper;

/** Spring Retry's annotations, for comparison only: the starter itself never enables them. */
@Configuration(proxyBeanMethods = false)
@EnableRetry
class SpringRetryConfiguration {

	@Bean
	SpringRetryWork springRetryWork() {
		return new SpringRetryWork();
	}

	@Bean
	Sleeper noSleep() {
		return (millis) -> {
		};
	}

}
