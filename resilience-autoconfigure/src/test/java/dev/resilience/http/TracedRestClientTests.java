package dev.resilience.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.Resilience;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceTracingAutoConfiguration;

import static dev.resilience.tracing.RecordedSpans.recording;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans of {@code Resilience#restClient} requests with Micrometer's in-memory tracer, in a real
 * context with Boot's RestClient observation: one HTTP client span per physical request, a child
 * of its attempt.
 */
class TracedRestClientTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceTracingAutoConfiguration.class, RestClientAutoConfiguration.class,
				RestClientObservationAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
				ObservationAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void recoveredRequestIsOneHttpSpanPerAttemptAndTheResendCarriesItsCount() throws Exception {
		this.runner.withBean(SimpleTracer.class).run((context) -> {
			try (RecordingServer server = RecordingServer.start().thenReply(503, "busy")) {
				SimpleTracer tracer = context.getBean(SimpleTracer.class);
				String body = context.getBean(Resilience.class)
					.restClient("catalog")
					.build()
					.get()
					.uri(server.uri("/").toString() + "items/{id}", 7)
					.retrieve()
					.body(String.class);
				assertThat(body).isEqualTo("ok");
				assertThat(server.received()).hasSize(2);
				RecoveredRequestSpans.assertRecoveredAfterOne503(tracer);
			}
		});
	}

	@Test
	void withoutATracerRestClientObservesEachExchangeAsBootDoesAndWeObserveNothing() throws Exception {
		List<String> observed = new CopyOnWriteArrayList<>();
		this.runner.withBean("recordingHandler", ObservationHandler.class, () -> recording(observed))
			.run((context) -> {
				try (RecordingServer server = RecordingServer.start().thenReply(503, "busy")) {
					context.getBean(Resilience.class)
						.restClient("catalog")
						.build()
						.get()
						.uri(server.uri("/items/7"))
						.retrieve()
						.body(String.class);
					assertThat(server.received()).hasSize(2);
					assertThat(observed).containsExactly("http.client.requests");
				}
			});
	}

}
