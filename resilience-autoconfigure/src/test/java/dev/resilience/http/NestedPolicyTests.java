package dev.resilience.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import dev.resilience.Resilience;
import dev.resilience.Resilient;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A policy used inside an attempt of itself: attempts never multiply. */
@ExtendWith(OutputCaptureExtension.class)
class NestedPolicyTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class, RestClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withBean(Catalog.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0", "resilience.policies.api.retry.max-attempts=3");

	@Test
	void anAnnotatedMethodUsingAClientOfItsOwnPolicyMakesMaxAttemptsRequestsAndWarnsOnce(CapturedOutput output) {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseReply(503, "down")) {
				Catalog catalog = context.getBean(Catalog.class);
				catalog.useClient(context.getBean(Resilience.class).restClient("api").build(), server);
				assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(catalog::item);
				assertThat(server.received()).hasSize(3);
				assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(catalog::item);
				assertThat(server.received()).hasSize(6);
			}
		});
		assertThat(output.toString().split("apply it in one place", -1)).hasSize(2);
		assertThat(output).contains("Policy 'api' was applied inside a call of itself");
	}

	@Test
	void attemptsDoNotMultiplyWhenTheOuterCallRunsItsAttemptsOnTheStartersThreads() {
		this.runner.withPropertyValues("resilience.policies.api.timeout.attempt=5s").run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseReply(503, "down")) {
				Catalog catalog = context.getBean(Catalog.class);
				catalog.useClient(context.getBean(Resilience.class).restClient("api").build(), server);
				assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(catalog::item);
				assertThat(server.received()).hasSize(3);
			}
		});
	}

	@Test
	void aClientOfThePolicyOutsideAnyCallOfItRetriesAsUsual() {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseReply(503, "down")) {
				RestClient client = context.getBean(Resilience.class).restClient("api").build();
				assertThatExceptionOfType(HttpServerErrorException.class)
					.isThrownBy(() -> client.get().uri(server.uri("/item")).retrieve().body(String.class));
				assertThat(server.received()).hasSize(3);
			}
		});
	}

	static class Catalog {

		private RestClient client;

		private RecordingServer server;

		void useClient(RestClient client, RecordingServer server) {
			this.client = client;
			this.server = server;
		}

		@Resilient("api")
		public String item() {
			return this.client.get().uri(this.server.uri("/item")).retrieve().body(String.class);
		}

	}

}
