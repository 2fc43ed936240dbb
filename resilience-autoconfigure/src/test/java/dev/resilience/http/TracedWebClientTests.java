package dev.resilience.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import dev.resilience.Resilience;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceTracingAutoConfiguration;

import static dev.resilience.tracing.RecordedSpans.recording;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spans of {@code Resilience#webClient} requests with Micrometer's in-memory tracer, in a real
 * context with Boot's WebClient observation, on the JDK connector: one HTTP client span per
 * physical request, a child of its attempt.
 */
class TracedWebClientTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceTracingAutoConfiguration.class, WebClientAutoConfiguration.class,
				WebClientObservationAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, ObservationAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void recoveredRequestIsOneHttpSpanPerAttemptAndTheResendCarriesItsCount() throws Exception {
		this.runner.withBean(SimpleTracer.class).run((context) -> {
			try (RecordingServer server = RecordingServer.start().thenReply(503, "busy")) {
				SimpleTracer tracer = context.getBean(SimpleTracer.class);
				WebClient client = context.getBean(Resilience.class).<WebClient.Builder>webClient("catalog").build();
				String body = client.get()
					.uri(server.uri("/").toString() + "items/{id}", 7)
					.retrieve()
					.bodyToMono(String.class)
					.block(Duration.ofSeconds(10));
				assertThat(body).isEqualTo("ok");
				assertThat(server.received()).hasSize(2);
				RecoveredRequestSpans.assertRecoveredAfterOne503(tracer);
			}
		});
	}

	@Test
	void withoutATracerWebClientObservesEachExchangeAsBootDoesAndWeObserveNothing() throws Exception {
		List<String> observed = new CopyOnWriteArrayList<>();
		this.runner
			.withBean("recordingHandler", ObservationHandler.class, () -> recording(observed))
			.run((context) -> {
				try (RecordingServer server = RecordingServer.start().thenReply(503, "busy")) {
					WebClient client = context.getBean(Resilience.class).<WebClient.Builder>webClient("catalog")
						.build();
					assertThat(client.get().uri(server.uri("/items/7")).retrieve().bodyToMono(String.class)
						.block(Duration.ofSeconds(10))).isEqualTo("ok");
					assertThat(server.received()).hasSize(2);
					assertThat(observed).containsExactly("http.client.requests");
				}
			});
	}

}
