package dev.resilience.sample.backoff;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The custom backoff that policy {@code quotes-custom} names with {@code policy-bean: quoteBackOff}. */
@Configuration(proxyBeanMethods = false)
public class BackOffConfiguration {

	@Bean
	StepBackOffPolicy quoteBackOff(@Value("${sample.quotes.backoff-steps:100ms,200ms,400ms}") List<Duration> steps) {
		return new StepBackOffPolicy(steps);
	}

}
