package dev.resilience.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
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

import static dev.resilience.tracing.RecordedSpans.named;
import static dev.resilience.tracing.RecordedSpans.only;
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
				SimpleSpan call = only(tracer, "resilience.call");
				assertThat(call.getParentId()).as("a root span, not a child of an exchange span").isNullOrEmpty();
				assertThat(call.getTags()).containsEntry("policy", "catalog").containsEntry("outcome", "recovered");
				List<SimpleSpan> attempts = named(tracer, "resilience.attempt");
				assertThat(attempts).hasSize(2);
				assertThat(attempts).allSatisfy(
						(attempt) -> assertThat(attempt.getParentId()).isEqualTo(call.context().spanId()));
				assertThat(attempts.get(0).getTags()).containsEntry("outcome", "transient_failure")
					.containsEntry("exception", "ServiceUnavailable");
				assertThat(attempts.get(1).getTags()).containsEntry("outcome", "success");
				List<SimpleSpan> requests = tracer.getSpans()
					.stream()
					.filter((span) -> span.getName().startsWith("http"))
					.toList();
				assertThat(requests).hasSize(2);
				assertThat(requests.get(0).getParentId()).isEqualTo(attempts.get(0).context().spanId());
				assertThat(requests.get(1).getParentId()).isEqualTo(attempts.get(1).context().spanId());
				assertThat(requests.get(0).getTags()).containsEntry("status", "503")
					.containsEntry("uri", "/items/{id}")
					.doesNotContainKey("http.request.resend_count");
				assertThat(requests.get(1).getTags()).containsEntry("status", "200")
					.containsEntry("http.request.resend_count", "1");
				assertThat(requests).allSatisfy((span) -> assertThat(span.getEndTimestamp()).isNotNull());
				assertThat(tracer.currentSpan()).isNull();
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
