package dev.resilience.policy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.springframework.web.client.RestClient;

import dev.resilience.CircuitOpenException;
import dev.resilience.Resilient;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;
import dev.resilience.policy.ScriptedHttpServer.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Every sentence of §15 (retry budget, server-driven pause) against a real HTTP server. */
@ExtendWith(OutputCaptureExtension.class)
class RetryBudgetAndPauseTests {

	private static final String P = "resilience.policies.catalog.";

	private ScriptedHttpServer server;

	private ApplicationContextRunner runner;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new ScriptedHttpServer();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withBean(CatalogClient.class, () -> new CatalogClient(this.server))
			.withPropertyValues(P + "retry.backoff.jitter=0", P + "retry.max-attempts=3",
					P + "circuit-breaker.enabled=false");
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void aQuietPolicyRetriesAsUsualOnTheReserve() {
		this.server.script("/items", Response.of(503), Response.of(503), Response.of(200));
		this.runner.withBean(RecordingSleeper.class).run((context) -> {
			assertThat(context.getBean(CatalogClient.class).get("/items")).isEqualTo("status 200");
			assertThat(this.server.received("/items")).hasSize(3);
		});
	}

	@Test
	void retriesAreAtMostTheRatioOfCallsPlusTheReserveAndARefusalEndsTheCallExhaustedAtOnce(CapturedOutput output) {
		this.server.script("/items", Response.of(503));
		// Reserve: 0.1 retries a second over 10s = 1 retry; ratio 0.2: one more per 5 calls.
		this.runner.withBean(RecordingSleeper.class)
			.withPropertyValues(P + "retry.budget.min-retries-per-second=0.1")
			.run((context) -> {
				CatalogClient client = context.getBean(CatalogClient.class);
				for (int i = 0; i < 10; i++) {
					assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> client.get("/items"));
				}
				int retries = this.server.received("/items").size() - 10;
				assertThat(retries).as("0.2 × 10 calls + 1").isEqualTo(3);
				assertThat(context.getBean(RecordingSleeper.class).waits()).as("no wait before a refusal")
					.hasSize(retries);
				Policy policy = context.getBean(PolicyRegistry.class).find("catalog");
				assertThat(policy.counts().get(CallOutcome.EXHAUSTED)).isEqualTo(10);
				assertThat(policy.retryBudget().refused()).isEqualTo(10);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("resilience.retry.budget.refused").tag("policy", "catalog").functionCounter()
					.count()).isEqualTo(10);
				assertThat(meters.get("resilience.retry.budget.available").tag("policy", "catalog").gauge().value())
					.isZero();
				assertThat(output.getOut()).contains("Policy 'catalog' exhausted after 2 attempts")
					.contains("retry budget spent");
			});
	}

	@Test
	void aBudgetSwitchedOffAtRunTimeLetsEveryRetryThrough() {
		this.server.script("/items", Response.of(503));
		this.runner.withBean(RecordingSleeper.class)
			.withPropertyValues(P + "retry.budget.min-retries-per-second=0")
			.run((context) -> {
				CatalogClient client = context.getBean(CatalogClient.class);
				PolicyRegistry registry = context.getBean(PolicyRegistry.class);
				registry.change(registry.find("catalog"), "retry.budget.enabled", "false");
				for (int i = 0; i < 10; i++) {
					assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> client.get("/items"));
				}
				assertThat(this.server.received("/items")).hasSize(30);
			});
	}

	@Test
	void aServerPauseRejectsNewCallsAtOnceUntilItsEndWithTheFallbackApplied() {
		this.server.script("/quota", new Response(429, "slow down", Map.of("Retry-After", "5")), Response.of(200));
		this.server.script("/items", Response.of(200));
		this.runner.withBean(RecordingSleeper.class).run((context) -> {
			CatalogClient client = context.getBean(CatalogClient.class);
			Instant before = Instant.now();
			assertThat(client.get("/quota")).as("the receiving call waits and retries").isEqualTo("status 200");
			assertThat(context.getBean(RecordingSleeper.class).waits()).containsExactly(5_000L);
			assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> client.get("/items"))
				.satisfies((rejection) -> {
					assertThat(rejection.isPausedByServer()).isTrue();
					assertThat(rejection.getPolicy()).isEqualTo("catalog");
					assertThat(rejection.getRetryAt()).isBetween(before.plusSeconds(5), Instant.now().plusSeconds(5));
				});
			assertThat(client.getOrDefault("/items")).startsWith("default after CircuitOpenException");
			assertThat(this.server.received("/items")).isEmpty();
			Policy policy = context.getBean(PolicyRegistry.class).find("catalog");
			assertThat(policy.counts().get(CallOutcome.REJECTED)).isEqualTo(2);
			assertThat(policy.pause().pausedUntil()).isNotNull();
			assertThat(context.getBean(MeterRegistry.class)
				.get("resilience.attempts")
				.tag("policy", "catalog")
				.tag("outcome", "rejected")
				.tag("exception", "CircuitOpenException")
				.timer()
				.count()).isEqualTo(2);
		});
	}

	@Test
	void otherCallsRetriesWaitForThePauseAndTheReceivingCallReachesTheServerFirst() {
		this.server.script("/a", new Response(429, "slow down", Map.of("Retry-After", "3")), Response.of(200));
		this.server.script("/b", Response.of(503), Response.of(200));
		// b's own wait (1.5s) ends during the pause that a's 429 starts, whenever a receives it
		// in those 1.5s, however loaded the machine.
		this.runner.withPropertyValues(P + "retry.backoff.initial-interval=1500ms").run((context) -> {
			CatalogClient client = context.getBean(CatalogClient.class);
			long start = System.nanoTime();
			// Its own thread: on JDK 25 with 2 cores the common pool may run one task at a time.
			ExecutorService otherThread = Executors.newSingleThreadExecutor();
			CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> client.get("/b"), otherThread);
			otherThread.shutdown();
			awaitArrivals(1);
			String receiving = client.get("/a");
			assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo("status 200");
			assertThat(receiving).isEqualTo("status 200");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("b waited for the pause, not 1.5s")
				.isGreaterThanOrEqualTo(Duration.ofSeconds(3));
			assertThat(this.server.arrivals()).containsExactly("/b", "/a", "/a", "/b");
		});
	}

	@Test
	void scopeCallMakesOnlyTheReceivingCallWait() {
		this.server.script("/quota", new Response(429, "slow down", Map.of("Retry-After", "5")), Response.of(200));
		this.server.script("/items", Response.of(200));
		this.runner.withBean(RecordingSleeper.class)
			.withPropertyValues(P + "retry.retry-after-scope=call")
			.run((context) -> {
				CatalogClient client = context.getBean(CatalogClient.class);
				assertThat(client.get("/quota")).isEqualTo("status 200");
				assertThat(client.get("/items")).isEqualTo("status 200");
				assertThat(context.getBean(PolicyRegistry.class).find("catalog").pause().pausedUntil()).isNull();
			});
	}

	@Test
	void aRetryAfterPastMaxRetryAfterEndsTheCallAndPausesNothing() {
		this.server.script("/quota", new Response(429, "slow down", Map.of("Retry-After", "120")));
		this.server.script("/items", Response.of(200));
		this.runner.withBean(RecordingSleeper.class).run((context) -> {
			CatalogClient client = context.getBean(CatalogClient.class);
			assertThatExceptionOfType(HttpClientErrorException.TooManyRequests.class)
				.isThrownBy(() -> client.get("/quota"));
			assertThat(client.get("/items")).isEqualTo("status 200");
		});
	}

	private void awaitArrivals(int count) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> this.server.arrivals().size() >= count);
	}

	static class CatalogClient {

		private final ScriptedHttpServer server;

		private final RestClient client;

		CatalogClient(ScriptedHttpServer server) {
			this.server = server;
			this.client = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).build();
		}

		@Resilient("catalog")
		public String get(String path) {
			return this.client.get().uri(this.server.url(path)).retrieve().body(String.class);
		}

		@Resilient(value = "catalog", fallback = "fallback")
		public String getOrDefault(String path) {
			return this.client.get().uri(this.server.url(path)).retrieve().body(String.class);
		}

		String fallback(String path, Throwable failure) {
			return "default after " + failure.getClass().getSimpleName();
		}

	}

}
