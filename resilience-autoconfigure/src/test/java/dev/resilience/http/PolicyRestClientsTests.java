package dev.resilience.http;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.resilience.Resilience;
import dev.resilience.TimeoutExceededException;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** {@code Resilience#restClient} in a real context, built from Spring Boot's RestClient support. */
class PolicyRestClientsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class, RestClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void getThatIsNeverAnsweredFailsAfterTheReadTimeoutOnEveryAttempt() throws Exception {
		this.runner.withPropertyValues("resilience.policies.slow.http.read-timeout=300ms").run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseHang()) {
				Resilience resilience = context.getBean(Resilience.class);
				long start = System.nanoTime();
				assertThatExceptionOfType(ResourceAccessException.class)
					.isThrownBy(() -> resilience.restClient("slow").build().get().uri(server.uri("/embed")).retrieve()
						.body(String.class))
					.withCauseInstanceOf(HttpTimeoutException.class);
				Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
				// three attempts, each cut by the read timeout: at least three timeouts' worth of time
				assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(3 * 250))
					.isLessThan(Duration.ofSeconds(5));
				// On a loaded machine the client's timeout may pass before a request is even written,
				// so the server sees at most the three.
				await().untilAsserted(() -> assertThat(server.received()).hasSizeBetween(1, 3));
				assertThat(context.getBean(PolicyRegistry.class).find("slow").counts().get(CallOutcome.EXHAUSTED))
					.isEqualTo(1);
			}
		});
	}

	@Test
	void attemptLimitBoundsTheWholeExchangeBeforeTheReadTimeoutAndAPostIsNotResent() throws Exception {
		this.runner
			.withPropertyValues("resilience.policies.slow.http.read-timeout=20s",
					"resilience.policies.slow.timeout.attempt=400ms")
			.run((context) -> {
				try (RecordingServer server = RecordingServer.start().otherwiseHang()) {
					RestClient client = context.getBean(Resilience.class).restClient("slow").build();
					long start = System.nanoTime();
					assertThatExceptionOfType(TimeoutExceededException.class)
						.isThrownBy(() -> client.get().uri(server.uri("/embed")).retrieve().body(String.class));
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1200))
						.isLessThan(Duration.ofSeconds(10));
					assertThatExceptionOfType(TimeoutExceededException.class)
						.isThrownBy(() -> client.post().uri(server.uri("/index")).body("doc").retrieve().toBodilessEntity());
					await().untilAsserted(() -> assertThat(server.received()).extracting(RecordingServer.Received::method)
						.containsExactly("GET", "GET", "GET", "POST"));
				}
			});
	}

	@Test
	void requestFactoryComesFromTheApplicationsBuilderWithThePolicysTimeouts() {
		List<HttpClientSettings> built = new CopyOnWriteArrayList<>();
		ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> recording = (settings) -> {
			built.add(settings);
			return ClientHttpRequestFactoryBuilder.jdk().build(settings);
		};
		this.runner.withBean(ClientHttpRequestFactoryBuilder.class, () -> recording)
			.withPropertyValues("resilience.policies.search.http.connect-timeout=700ms",
					"resilience.policies.search.http.read-timeout=4s")
			.run((context) -> {
				context.getBean(Resilience.class).restClient("search").build();
				assertThat(built).anySatisfy((settings) -> {
					assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(700));
					assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(4));
				});
			});
	}

	@Test
	void policiesWithEqualTimeoutsShareOneRequestFactory() {
		List<HttpClientSettings> built = new CopyOnWriteArrayList<>();
		ClientHttpRequestFactoryBuilder<ClientHttpRequestFactory> recording = (settings) -> {
			built.add(settings);
			return ClientHttpRequestFactoryBuilder.jdk().build(settings);
		};
		this.runner.withBean(ClientHttpRequestFactoryBuilder.class, () -> recording)
			.withPropertyValues("resilience.defaults.http.read-timeout=3s")
			.run((context) -> {
				Resilience resilience = context.getBean(Resilience.class);
				built.clear();
				resilience.restClient("one");
				resilience.restClient("two");
				resilience.restClient("one");
				assertThat(built).filteredOn((settings) -> Duration.ofSeconds(3).equals(settings.readTimeout()))
					.hasSize(1);
			});
	}

	@Test
	void userCustomizerAppliesToTheBuiltClient() {
		this.runner.withBean(RestClientCustomizer.class, () -> (builder) -> builder.defaultHeader("X-Team", "blue"))
			.run((context) -> {
				try (RecordingServer server = RecordingServer.start()) {
					String body = context.getBean(Resilience.class).restClient("api").build().get()
						.uri(server.uri("/")).retrieve().body(String.class);
					assertThat(body).isEqualTo("ok");
					assertThat(server.received()).singleElement()
						.satisfies((request) -> assertThat(request.team()).isEqualTo("blue"));
				}
			});
	}

	@Test
	void buildingAClientMarksThePolicyUsed() {
		this.runner.withPropertyValues("resilience.policies.api.retry.max-attempts=2").run((context) -> {
			PolicyRegistry registry = context.getBean(PolicyRegistry.class);
			assertThat(registry.find("api").used()).isFalse();
			context.getBean(Resilience.class).restClient("api");
			assertThat(registry.find("api").used()).isTrue();
		});
	}

	@Test
	void withoutBootsRestClientBuilderSaysToAddTheStarter() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(Resilience.class).restClient("api"))
				.withMessageContaining("spring-boot-starter-restclient"));
	}

	@Test
	void withoutBootsHttpClientSupportSaysToAddTheStarter() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactoryBuilder.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PolicyRestClients.class);
				assertThatIllegalStateException().isThrownBy(() -> context.getBean(Resilience.class).restClient("api"))
					.withMessageContaining("spring-boot-starter-restclient");
			});
	}

}
