package dev.resilience.benchmarks;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

/** Our starter without a meter registry, with the policies of {@link LimitedWork}. */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration(ResilienceAutoConfiguration.class)
class LimitedConfiguration {

	@Bean
	LimitedWork limitedWork() {
		return new LimitedWork();
	}

}
