package dev.resilience.benchmarks;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.retry.backoff.Sleeper;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

/** Our starter without a meter registry: policies on the defaults, waits that return at once. */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(ResilienceAutoConfiguration.class)
class ResilientConfiguration {

	@Bean
	ResilientWork resilientWork() {
		return new ResilientWork();
	}

	@Bean
	ResilientAsyncWork resilientAsyncWork() {
		return new ResilientAsyncWork();
	}

	@Bean
	Sleeper noSleep() {
		return (millis) -> {
		};
	}

}
