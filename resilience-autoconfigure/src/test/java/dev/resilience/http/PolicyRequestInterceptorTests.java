package dev.resilience.http;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.resilience.CircuitOpenException;
import dev.resilience.Resilience;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.policy.CallCounts;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Requests of a policy's RestClient against a real server: retries by HTTP semantics. */
@ExtendWith(OutputCaptureExtension.class)
class PolicyRequestInterceptorTests {

	/**
	 * Where a request is meant to be answered, a loaded machine may take this long (a cold client,
	 * a late thread): far more than it ever should.
	 */
	private static final String ANSWERED_WITHIN = "10s";

	/** Where a read timeout is meant to fire: the server never answers, however long this is. */
	private static final String HUNG_AFTER = "300ms";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class, RestClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0",
				"resilience.policies.api.http.read-timeout=" + ANSWERED_WITHIN);

	@Test
	void postThatTimedOutOnReadIsNotRetried() {
		this.runner.withPropertyValues("resilience.policies.api.http.read-timeout=" + HUNG_AFTER).run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseHang()) {
				assertThatExceptionOfType(ResourceAccessException.class)
					.isThrownBy(() -> client(context).post().uri(server.uri("/orders")).body("order").retrieve()
						.toBodilessEntity())
					.withCauseInstanceOf(HttpTimeoutException.class);
				await().untilAsserted(() -> assertThat(server.received()).hasSize(1));
				assertThat(counts(context).get(CallOutcome.ABORTED)).isEqualTo(1);
				assertThat(sleeper(context).waits()).isEmpty();
			}
		});
	}

	@Test
	void postToAClosedPortIsRetried() throws Exception {
		URI closed = RecordingServer.closedPort();
		this.runner.run((context) -> {
			assertThatExceptionOfType(ResourceAccessException.class)
				.isThrownBy(() -> client(context).post().uri(closed).body("order").retrieve().toBodilessEntity())
				.withCauseInstanceOf(ConnectException.class);
			assertThat(counts(context).get(CallOutcome.EXHAUSTED)).isEqualTo(1);
			assertThat(sleeper(context).waits()).containsExactly(100L, 200L);
		});
	}

	@Test
	void postWithAnIdempotencyKeyIsRetriedAfterAReadTimeout() {
		this.runner.withPropertyValues("resilience.policies.api.http.read-timeout=" + HUNG_AFTER).run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseHang()) {
				assertThatExceptionOfType(ResourceAccessException.class)
					.isThrownBy(() -> client(context).post().uri(server.uri("/orders"))
						.header("Idempotency-Key", "k-42").body("order").retrieve().toBodilessEntity());
				await().untilAsserted(() -> assertThat(server.received()).hasSize(3)
					.allSatisfy((request) -> assertThat(request.idempotencyKey()).isEqualTo("k-42")));
				assertThat(counts(context).get(CallOutcome.EXHAUSTED)).isEqualTo(1);
			}
		});
	}

	@Test
	void serviceUnavailableThenOkRecoversSendingTheSameBodyAgain() {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().thenReply(503, "busy")) {
				String body = client(context).put().uri(server.uri("/doc")).body("payload").retrieve()
					.body(String.class);
				assertThat(body).isEqualTo("ok");
				assertThat(server.received()).extracting(RecordingServer.Received::body)
					.containsExactly("payload", "payload");
				assertThat(counts(context).get(CallOutcome.RECOVERED)).isEqualTo(1);
			}
		});
	}

	@Test
	void unauthorizedIsNotRetriedAndTheCallerGetsTheStatus() {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseReply(401, "who are you")) {
				assertThatExceptionOfType(HttpClientErrorException.class)
					.isThrownBy(() -> client(context).get().uri(server.uri("/me")).retrieve().body(String.class))
					.satisfies((ex) -> {
						assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
						assertThat(ex.getResponseBodyAsString()).isEqualTo("who are you");
					});
				assertThat(server.received()).hasSize(1);
				assertThat(counts(context).get(CallOutcome.ABORTED)).isEqualTo(1);
			}
		});
	}

	@Test
	void tooManyRequestsWaitsForRetryAfter() {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start()
				.thenReply(429, "slow down", Map.of("Retry-After", "2"))) {
				String body = client(context).get().uri(server.uri("/quota")).retrieve().body(String.class);
				assertThat(body).isEqualTo("ok");
				assertThat(sleeper(context).waits()).singleElement()
					.satisfies((wait) -> assertThat(wait).isGreaterThanOrEqualTo(2000L));
				assertThat(server.received()).hasSize(2);
			}
		});
	}

	@Test
	void interceptorsAddedAfterThePolicysRunOnEveryAttempt() {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().thenReply(503, "busy").thenReply(503, "busy")) {
				AtomicInteger signed = new AtomicInteger();
				RestClient client = context.getBean(Resilience.class).restClient("api").requestInterceptor(
						(request, body, execution) -> {
							request.getHeaders().set("X-Signature", "sig-" + signed.incrementAndGet());
							return execution.execute(request, body);
						}).build();
				assertThat(client.get().uri(server.uri("/signed")).retrieve().body(String.class)).isEqualTo("ok");
				assertThat(signed).hasValue(3);
				assertThat(server.received()).hasSize(3);
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "99999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT" })
	void aRetryAfterOfAnySizeEndsTheCallExhaustedWithTheServersOwnStatus(String retryAfter) {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start()
				.thenReply(503, "busy", Map.of("Retry-After", retryAfter))) {
				assertThatExceptionOfType(HttpServerErrorException.class)
					.isThrownBy(() -> client(context).get().uri(server.uri("/far")).retrieve().body(String.class))
					.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
				assertThat(server.received()).hasSize(1);
				assertThat(counts(context).get(CallOutcome.EXHAUSTED)).isEqualTo(1);
				assertThat(sleeper(context).waits()).isEmpty();
			}
		});
	}

	@Test
	void eachRequestIsOneCallOfThePolicy() {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().thenReply(200, "a").thenReply(502, "")) {
				RestClient client = client(context);
				assertThat(client.get().uri(server.uri("/1")).retrieve().body(String.class)).isEqualTo("a");
				assertThat(client.get().uri(server.uri("/2")).retrieve().body(String.class)).isEqualTo("ok");
				assertThat(counts(context).get(CallOutcome.SUCCESS)).isEqualTo(1);
				assertThat(counts(context).get(CallOutcome.RECOVERED)).isEqualTo(1);
			}
		});
	}

	@Test
	void openCircuitRejectsRequestsWithoutSendingThem() {
		this.runner
			.withPropertyValues("resilience.policies.api.retry.max-attempts=1",
					"resilience.policies.api.circuit-breaker.sliding-window-size=2",
					"resilience.policies.api.circuit-breaker.minimum-number-of-calls=2")
			.run((context) -> {
				try (RecordingServer server = RecordingServer.start().otherwiseReply(503, "down")) {
					RestClient client = client(context);
					for (int i = 0; i < 2; i++) {
						assertThatExceptionOfType(HttpServerErrorException.class)
							.isThrownBy(() -> client.get().uri(server.uri("/")).retrieve().body(String.class));
					}
					assertThatExceptionOfType(CircuitOpenException.class)
						.isThrownBy(() -> client.get().uri(server.uri("/")).retrieve().body(String.class));
					assertThat(server.received()).hasSize(2);
				}
			});
	}

	@Test
	void failureLogNamesThePolicyButNeitherUrlNorBody(CapturedOutput output) {
		this.runner.run((context) -> {
			try (RecordingServer server = RecordingServer.start().otherwiseReply(403, "body-secret")) {
				assertThatExceptionOfType(HttpClientErrorException.class).isThrownBy(() -> client(context).get()
					.uri(server.uri("/items?token=query-secret")).retrieve().body(String.class));
			}
		});
		assertThat(output).contains("Policy 'api'").doesNotContain("query-secret").doesNotContain("body-secret");
	}

	@ParameterizedTest
	@CsvSource({ "GET,true", "HEAD,true", "OPTIONS,true", "PUT,true", "DELETE,true", "TRACE,true", "POST,false",
			"PATCH,false" })
	void idempotencyFollowsTheHttpMethod(String method, boolean idempotent) {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.valueOf(method), "/");
		assertThat(PolicyRequestInterceptor.isIdempotent(request)).isEqualTo(idempotent);
		request.getHeaders().set("Idempotency-Key", "k-1");
		assertThat(PolicyRequestInterceptor.isIdempotent(request)).isTrue();
	}

	private static RestClient client(AssertableApplicationContext context) {
		return context.getBean(Resilience.class).restClient("api").build();
	}

	private static CallCounts counts(AssertableApplicationContext context) {
		return context.getBean(PolicyRegistry.class).find("api").counts();
	}

	private static RecordingSleeper sleeper(AssertableApplicationContext context) {
		return context.getBean(RecordingSleeper.class);
	}

}
