package dev.resilience.sample.tracing;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * With the {@code traces} profile, every span is written to the log as it ends (OpenTelemetry's
 * logging exporter): the walk-through of docs/observability.md, with no collector and no network.
 */
@Configuration(proxyBeanMethods = false)
@Profile("traces")
class LoggedSpans {

	@Bean
	SpanProcessor loggingSpanProcessor() {
		return SimpleSpanProcessor.create(LoggingSpanExporter.create());
	}

}
