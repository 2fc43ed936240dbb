package dev.resilience.policy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.HttpServerErrorException;

import dev.resilience.CircuitOpenException;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.HttpFailuresTests.EmbeddingClient;
import dev.resilience.policy.ScriptedHttpServer.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The breaker through {@code @Resilient} against a real HTTP server that goes down. */
class CircuitBreakerEndToEndTests {

	private ScriptedHttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new ScriptedHttpServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void opensAfterTheThresholdStopsHittingTheServerAndLetsATrialThroughAfterTheWait() {
		this.server.script("/dead", Response.of(503));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(RecordingSleeper.class)
			.withBean(EmbeddingClient.class, () -> new EmbeddingClient(this.server))
			.withPropertyValues("resilience.policies.embeddings.retry.max-attempts=2",
					"resilience.policies.embeddings.circuit-breaker.sliding-window-size=4",
					"resilience.policies.embeddings.circuit-breaker.minimum-number-of-calls=4",
					"resilience.policies.embeddings.circuit-breaker.failure-rate-threshold=50",
					"resilience.policies.embeddings.circuit-breaker.wait-duration-in-open-state=2s",
					"resilience.policies.embeddings.circuit-breaker.permitted-calls-in-half-open-state=1")
			.run((context) -> {
				EmbeddingClient client = context.getBean(EmbeddingClient.class);
				Policy policy = context.getBean(PolicyRegistry.class).find("embeddings");
				for (int i = 0; i < 2; i++) {
					assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> client.get("/dead"));
				}
				assertThat(this.server.received("/dead")).hasSize(4);
				assertThat(policy.circuitBreaker().state()).isEqualTo(CircuitState.OPEN);

				long start = System.nanoTime();
				for (int i = 0; i < 20; i++) {
					assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> client.get("/dead"))
						.satisfies((ex) -> {
							assertThat(ex.getPolicy()).isEqualTo("embeddings");
							assertThat(ex.getRetryAt()).isAfter(Instant.now().minusSeconds(1));
							assertThat(ex.getStackTrace()).isEmpty();
						});
				}
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
				assertThat(this.server.received("/dead")).hasSize(4);
				assertThat(policy.counts().get(CallOutcome.REJECTED)).isEqualTo(20);

				this.server.script("/dead", Response.of(200));
				await().atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(50))
					.ignoreException(CircuitOpenException.class)
					.until(() -> client.get("/dead") != null);
				assertThat(this.server.received("/dead")).hasSize(5);
				assertThat(policy.circuitBreaker().state()).isEqualTo(CircuitState.CLOSED);
			});
	}

}
