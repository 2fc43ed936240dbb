package dev.resilience.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.resilience.Resilience;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** {@code Resilience#webClient} in a real context, from Boot's WebClient support, on the JDK connector. */
class PolicyWebClientsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class, WebClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void getIsRetriedOnServerErrorsAndEveryAttemptIsARequest() throws Exception {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().thenReply(503, "busy").thenReply(503, "busy")) {
				WebClient client = webClient(context.getBean(Resilience.class), "quotes");
				assertThat(client.get().uri(server.uri("/quote")).retrieve().bodyToMono(String.class)
					.block(Duration.ofSeconds(10))).isEqualTo("ok");
				assertThat(server.received()).hasSize(3);
				assertThat(context.getBean(PolicyRegistry.class).find("quotes").counts().get(CallOutcome.RECOVERED))
					.isEqualTo(1);
			}
		});
	}

	@Test
	void postThatReachedTheServerIsNotRetried() throws Exception {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseReply(503, "busy")) {
				WebClient client = webClient(context.getBean(Resilience.class), "orders");
				assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
					.isThrownBy(() -> client.post().uri(server.uri("/orders")).bodyValue("one").retrieve()
						.bodyToMono(String.class).block(Duration.ofSeconds(10)));
				assertThat(server.received()).hasSize(1);
				assertThat(context.getBean(PolicyRegistry.class).find("orders").counts().get(CallOutcome.ABORTED))
					.isEqualTo(1);
			}
		});
	}

	@Test
	void postWithAnIdempotencyKeyIsRetriedAndSendsTheBodyAgain() throws Exception {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().thenReply(503, "busy")) {
				WebClient client = webClient(context.getBean(Resilience.class), "orders");
				assertThat(client.post().uri(server.uri("/orders")).header("Idempotency-Key", "k-1").bodyValue("one")
					.retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10))).isEqualTo("ok");
				assertThat(server.received()).hasSize(2).allSatisfy((request) -> {
					assertThat(request.body()).isEqualTo("one");
					assertThat(request.idempotencyKey()).isEqualTo("k-1");
				});
			}
		});
	}

	@Test
	void postIsRetriedWhenTheConnectionWasRefused() throws Exception {
		this.runner.run((context) -> {
			WebClient client = webClient(context.getBean(Resilience.class), "orders");
			assertThatExceptionOfType(WebClientRequestException.class)
				.isThrownBy(() -> client.post().uri(RecordingServer.closedPort()).bodyValue("one").retrieve()
					.bodyToMono(String.class).block(Duration.ofSeconds(10)));
			assertThat(context.getBean(RecordingSleeper.class).waits()).hasSize(2);
			assertThat(context.getBean(PolicyRegistry.class).find("orders").counts().get(CallOutcome.EXHAUSTED))
				.isEqualTo(1);
		});
	}

	@Test
	void unauthorizedIsNotRetried() throws Exception {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseReply(401, "who are you")) {
				WebClient client = webClient(context.getBean(Resilience.class), "quotes");
				assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
					.isThrownBy(() -> client.get().uri(server.uri("/quote")).retrieve().bodyToMono(String.class)
						.block(Duration.ofSeconds(10)));
				assertThat(server.received()).hasSize(1);
			}
		});
	}

	@Test
	void readTimeoutOfThePolicyEndsEveryAttemptOfAGetThatIsNeverAnswered() throws Exception {
		this.runner.withPropertyValues("resilience.policies.slow.http.read-timeout=300ms").run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseHang()) {
				WebClient client = webClient(context.getBean(Resilience.class), "slow");
				long start = System.nanoTime();
				assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> client.get()
					.uri(server.uri("/embed")).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(20)));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(750))
					.isLessThan(Duration.ofSeconds(10));
				await().untilAsserted(() -> assertThat(server.received()).hasSize(3));
				assertThat(context.getBean(PolicyRegistry.class).find("slow").counts().get(CallOutcome.EXHAUSTED))
					.isEqualTo(1);
			}
		});
	}

	@Test
	void connectorComesFromTheApplicationsBuilderWithThePolicysTimeouts() {
		List<HttpClientSettings> built = new CopyOnWriteArrayList<>();
		ClientHttpConnectorBuilder<ClientHttpConnector> recording = (settings) -> {
			built.add(settings);
			return ClientHttpConnectorBuilder.jdk().build(settings);
		};
		this.runner.withBean(ClientHttpConnectorBuilder.class, () -> recording)
			.withPropertyValues("resilience.policies.search.http.connect-timeout=700ms",
					"resilience.policies.search.http.read-timeout=4s")
			.run((context) -> {
				webClient(context.getBean(Resilience.class), "search");
				assertThat(built).anySatisfy((settings) -> {
					assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(700));
					assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(4));
				});
			});
	}

	@Test
	void withoutBootsConnectorBeansTheDetectedConnectorLibraryIsUsed() throws Exception {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class, WebClientAutoConfiguration.class))
			.run((context) -> {
				try (RecordingServer server = RecordingServer.start()) {
					WebClient client = webClient(context.getBean(Resilience.class), "search");
					assertThat(client.get().uri(server.uri("/q")).retrieve().bodyToMono(String.class)
						.block(Duration.ofSeconds(10))).isEqualTo("ok");
				}
			});
	}

	private static WebClient webClient(Resilience resilience, String policy) {
		WebClient.Builder builder = resilience.webClient(policy);
		return builder.build();
	}

}
