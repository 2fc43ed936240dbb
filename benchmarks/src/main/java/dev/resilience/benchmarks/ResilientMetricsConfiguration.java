package dev.resilience.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;

/** Our starter with its meters on a {@link SimpleMeterRegistry}. */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ ResilienceMetricsAutoConfiguration.class, ResilienceAutoConfiguration.class })
@Import(ResilientConfiguration.class)
class ResilientMetricsConfiguration {

	@Bean
	MeterRegistry meterRegistry(@Value("${bench.registry:simple}") String registry) {
		return Registries.create(registry);
	}

}
