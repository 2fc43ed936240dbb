package dev.resilience.policy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.resilience.Resilient;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.policy.ScriptedHttpServer.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Classification, Retry-After and idempotency against a real HTTP server through RestClient. */
@ExtendWith(OutputCaptureExtension.class)
class HttpFailuresTests {

	/** Where a read timeout is meant to fire: the server never answers, however long this is. */
	private static final Duration HUNG_AFTER = Duration.ofMillis(300);

	private ScriptedHttpServer server;

	private ApplicationContextRunner runner;

	/** The client's read timeout: only the tests against a server that never answers shorten it. */
	private Duration readTimeout = EmbeddingClient.ANSWERED_WITHIN;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new ScriptedHttpServer();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(RecordingSleeper.class)
			.withBean(EmbeddingClient.class, () -> new EmbeddingClient(this.server, this.readTimeout))
			.withPropertyValues("resilience.policies.embeddings.retry.backoff.jitter=0",
					"resilience.policies.embeddings.retry.max-attempts=3");
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void rejectedCredentialsReachTheServerOnceAndTheCallerGetsTheOriginalException() {
		this.server.script("/401", Response.of(401));
		this.server.script("/403", Response.of(403));
		this.runner.run((context) -> {
			EmbeddingClient client = context.getBean(EmbeddingClient.class);
			assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class).isThrownBy(() -> client.get("/401"));
			assertThatExceptionOfType(HttpClientErrorException.Forbidden.class).isThrownBy(() -> client.get("/403"));
			assertThat(this.server.received("/401")).hasSize(1);
			assertThat(this.server.received("/403")).hasSize(1);
			assertThat(context.getBean(RecordingSleeper.class).waits()).isEmpty();
		});
	}

	@Test
	void finalFailureWritesOneWarningSayingTheCredentialsWereRejected(CapturedOutput output) {
		this.server.script("/401", Response.of(401));
		this.runner.run((context) -> {
			EmbeddingClient client = context.getBean(EmbeddingClient.class);
			for (int i = 0; i < 5; i++) {
				assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
					.isThrownBy(() -> client.get("/401"));
			}
			assertThat(output.getOut().lines().filter((line) -> line.contains("WARN")
					&& line.contains("Policy 'embeddings' aborted after 1 attempt")))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("credentials rejected (HTTP 401)")
					.contains("The credentials were rejected"));
		});
	}

	@Test
	void serviceUnavailableThenOkRecovers() {
		this.server.script("/flaky", Response.of(503), new Response(200, "vector", Map.of()));
		this.runner.run((context) -> {
			assertThat(context.getBean(EmbeddingClient.class).get("/flaky")).isEqualTo("vector");
			assertThat(this.server.received("/flaky")).hasSize(2);
			assertThat(context.getBean(RecordingSleeper.class).waits()).containsExactly(100L);
		});
	}

	@Test
	void tooManyRequestsWaitsForRetryAfter() {
		this.server.script("/quota", new Response(429, "slow down", Map.of("Retry-After", "2")),
				new Response(200, "ok", Map.of()));
		this.runner.run((context) -> {
			assertThat(context.getBean(EmbeddingClient.class).get("/quota")).isEqualTo("ok");
			assertThat(context.getBean(RecordingSleeper.class).waits()).singleElement()
				.satisfies((wait) -> assertThat(wait).isGreaterThanOrEqualTo(2000L));
		});
	}

	@Test
	void retryAfterLongerThanMaxRetryAfterEndsAfterOneAttempt() {
		this.server.script("/quota", new Response(429, "come back later", Map.of("Retry-After", "120")));
		this.runner.withPropertyValues("resilience.policies.embeddings.retry.max-retry-after=30s").run((context) -> {
			assertThatExceptionOfType(HttpClientErrorException.TooManyRequests.class)
				.isThrownBy(() -> context.getBean(EmbeddingClient.class).get("/quota"));
			assertThat(this.server.received("/quota")).hasSize(1);
			assertThat(context.getBean(PolicyRegistry.class).find("embeddings").counts().get(CallOutcome.EXHAUSTED))
				.isEqualTo(1);
		});
	}

	@Test
	void badRequestIsNotRetried() {
		this.server.script("/bad", Response.of(400));
		this.runner.run((context) -> {
			assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
				.isThrownBy(() -> context.getBean(EmbeddingClient.class).get("/bad"));
			assertThat(this.server.received("/bad")).hasSize(1);
		});
	}

	@Test
	void readTimeoutOfANonIdempotentCallIsNotRetried() {
		this.server.script("/hang", Response.hang());
		this.readTimeout = HUNG_AFTER;
		this.runner.run((context) -> {
			assertThatExceptionOfType(RestClientException.class)
				.isThrownBy(() -> context.getBean(EmbeddingClient.class).post("/hang"));
			assertThat(this.server.received("/hang")).hasSize(1);
		});
	}

	@Test
	void readTimeoutOfAnIdempotentCallIsRetried() {
		this.server.script("/hang", Response.hang());
		this.readTimeout = HUNG_AFTER;
		this.runner.run((context) -> {
			assertThatExceptionOfType(RestClientException.class)
				.isThrownBy(() -> context.getBean(EmbeddingClient.class).get("/hang"));
			assertThat(this.server.received("/hang")).hasSize(3);
		});
	}

	@Test
	void refusedConnectionOfANonIdempotentCallIsRetried() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String url = "http://127.0.0.1:" + closedPort + "/refused";
		this.runner.run((context) -> {
			assertThatExceptionOfType(ResourceAccessException.class)
				.isThrownBy(() -> context.getBean(EmbeddingClient.class).postTo(url));
			assertThat(context.getBean(RecordingSleeper.class).waits()).containsExactly(100L, 200L);
		});
	}

	@Test
	void abortOnListOverridesTheBuiltInTable() {
		this.server.script("/flaky", Response.of(503));
		this.runner
			.withPropertyValues("resilience.policies.embeddings.classifier.abort-on="
					+ HttpServerErrorException.ServiceUnavailable.class.getName())
			.run((context) -> {
				assertThatExceptionOfType(HttpServerErrorException.class)
					.isThrownBy(() -> context.getBean(EmbeddingClient.class).get("/flaky"));
				assertThat(this.server.received("/flaky")).hasSize(1);
			});
	}

	@Test
	void retryOnListOverridesTheBuiltInTable() {
		this.server.script("/bad", Response.of(400));
		this.runner
			.withPropertyValues("resilience.policies.embeddings.classifier.retry-on="
					+ "org.springframework.web.client.HttpClientErrorException$BadRequest")
			.run((context) -> {
				assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
					.isThrownBy(() -> context.getBean(EmbeddingClient.class).get("/bad"));
				assertThat(this.server.received("/bad")).hasSize(3);
			});
	}

	@Test
	void ignoreListNeitherRetriesNorCountsAFailure() {
		this.server.script("/missing", Response.of(404));
		this.runner
			.withPropertyValues("resilience.policies.embeddings.classifier.ignore="
					+ HttpClientErrorException.NotFound.class.getName(),
					"resilience.policies.embeddings.circuit-breaker.minimum-number-of-calls=1")
			.run((context) -> {
				EmbeddingClient client = context.getBean(EmbeddingClient.class);
				for (int i = 0; i < 3; i++) {
					assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
						.isThrownBy(() -> client.get("/missing"));
				}
				assertThat(this.server.received("/missing")).hasSize(3);
				assertThat(context.getBean(PolicyRegistry.class).find("embeddings").circuitBreaker().bufferedCalls())
					.isZero();
			});
	}

	@Test
	void fallbackReplacesAnExhaustedCall() {
		this.server.script("/down", Response.of(503));
		this.runner.run((context) -> {
			assertThat(context.getBean(EmbeddingClient.class).getOrDefault("/down")).isEqualTo("default after 503");
			assertThat(this.server.received("/down")).hasSize(3);
		});
	}

	/** A user's client: one policy for one downstream. */
	static class EmbeddingClient {

		/**
		 * The read timeout where every request is meant to be answered: far more than a cold client
		 * or a late thread on a loaded machine ever takes, so none of them ends as a timeout.
		 */
		static final Duration ANSWERED_WITHIN = Duration.ofSeconds(10);

		private final ScriptedHttpServer server;

		private final RestClient client;

		EmbeddingClient(ScriptedHttpServer server) {
			this(server, ANSWERED_WITHIN);
		}

		EmbeddingClient(ScriptedHttpServer server, Duration readTimeout) {
			this.server = server;
			JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory();
			factory.setReadTimeout(readTimeout);
			this.client = RestClient.builder().requestFactory(factory).build();
		}

		@Resilient("embeddings")
		public String get(String path) {
			return this.client.get().uri(this.server.url(path)).retrieve().body(String.class);
		}

		@Resilient(value = "embeddings", fallback = "fallback")
		public String getOrDefault(String path) {
			return get(path);
		}

		String fallback(String path, HttpServerErrorException failure) {
			return "default after " + failure.getStatusCode().value();
		}

		@Resilient(value = "embeddings", idempotent = false)
		public String post(String path) {
			return postTo(this.server.url(path));
		}

		@Resilient(value = "embeddings", idempotent = false)
		public String postTo(String url) {
			return this.client.post().uri(url).body("text").retrieve().body(String.class);
		}

	}

}
