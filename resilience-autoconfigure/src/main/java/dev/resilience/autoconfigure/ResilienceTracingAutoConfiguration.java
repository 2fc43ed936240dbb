package dev.resilience.autoconfigure;

import io.micrometer.tracing.Tracer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.resilience.policy.CallTracing;
import dev.resilience.tracing.ObservedCalls;

/**
 * Spans for every call and attempt of a policy (CONTRACT §17), when micrometer-tracing is present
 * and the application has a {@link Tracer}: after Boot's tracing auto-configurations, which
 * define it. Boot's no-op tracer (micrometer-tracing without a bridge) traces nothing. Without a
 * tracer no observation is created at all.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration")
@ConditionalOnBooleanProperty(name = "resilience.enabled", matchIfMissing = true)
@ConditionalOnClass(Tracer.class)
@ConditionalOnBean(Tracer.class)
public final class ResilienceTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CallTracing resilienceCallTracing(Tracer tracer) {
		return (tracer == Tracer.NOOP) ? CallTracing.NONE : new ObservedCalls(tracer);
	}

}
