package dev.resilience.http;

import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Spring Boot's HTTP service client groups: a group named after a configured policy gets its
 * timeouts and sends every request through it, with no code.
 */
class HttpServiceGroupsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class, RestClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class))
		.withUserConfiguration(QuoteServices.class)
		.withBean(RecordingSleeper.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void aGroupNamedAfterAConfiguredPolicyRetriesEveryRequestThroughIt() throws Exception {
		try (RecordingServer server = RecordingServer.start().thenReply(503, "busy").thenReply(503, "busy")) {
			this.runner.withPropertyValues("resilience.policies.quotes.retry.max-attempts=3",
					"spring.http.serviceclient.quotes.base-url=" + server.uri(""))
				.run((context) -> {
					assertThat(context.getBean(QuoteService.class).quote("ACME")).isEqualTo("ok");
					assertThat(server.received()).hasSize(3);
					assertThat(context.getBean(PolicyRegistry.class).find("quotes").counts()
						.get(CallOutcome.RECOVERED)).isEqualTo(1);
					assertThat(context.getBean(RecordingSleeper.class).waits()).hasSize(2);
				});
		}
	}

	@Test
	void aGroupsClientsCarryThePolicysReadTimeoutOverBootsGroupProperties() throws Exception {
		try (RecordingServer server = RecordingServer.start().otherwiseHang()) {
			this.runner.withPropertyValues("resilience.policies.quotes.retry.max-attempts=2",
					"resilience.policies.quotes.http.read-timeout=300ms",
					"spring.http.serviceclient.quotes.read-timeout=20s",
					"spring.http.serviceclient.quotes.base-url=" + server.uri(""))
				.run((context) -> {
					long start = System.nanoTime();
					assertThatExceptionOfType(ResourceAccessException.class)
						.isThrownBy(() -> context.getBean(QuoteService.class).quote("ACME"))
						.withCauseInstanceOf(HttpTimeoutException.class);
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
					await().untilAsserted(() -> assertThat(server.received()).hasSize(2));
				});
		}
	}

	@Test
	void aPostIsNotRetriedAfterTheRequestWasSent() throws Exception {
		try (RecordingServer server = RecordingServer.start().otherwiseReply(503, "busy")) {
			this.runner.withPropertyValues("resilience.policies.quotes.retry.max-attempts=3",
					"spring.http.serviceclient.quotes.base-url=" + server.uri(""))
				.run((context) -> {
					assertThatExceptionOfType(RuntimeException.class)
						.isThrownBy(() -> context.getBean(QuoteService.class).order("ACME"));
					assertThat(server.received()).hasSize(1);
				});
		}
	}

	@Test
	void aGroupWhoseNameIsNoConfiguredPolicyIsLeftAlone() throws Exception {
		try (RecordingServer server = RecordingServer.start().thenReply(404, "none")) {
			this.runner.withPropertyValues("spring.http.serviceclient.quotes.base-url=" + server.uri(""))
				.run((context) -> {
					assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
						.isThrownBy(() -> context.getBean(QuoteService.class).quote("ACME"));
					assertThat(context.getBean(PolicyRegistry.class).find("quotes")).isNull();
				});
		}
	}

	interface QuoteService {

		@GetExchange("/quotes/{symbol}")
		String quote(@PathVariable String symbol);

		@PostExchange("/orders/{symbol}")
		String order(@PathVariable String symbol);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "quotes", types = QuoteService.class)
	static class QuoteServices {

	}

}
