package dev.resilience.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import dev.resilience.BulkheadFullException;
import dev.resilience.Resilient;
import dev.resilience.TimeoutExceededException;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;
import dev.resilience.policy.ScriptedHttpServer;
import dev.resilience.policy.ScriptedHttpServer.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/** {@code Mono} and {@code Flux} methods, over WebClient on the JDK connector, against a real HTTP server (§14). */
class ReactiveMethodsTests {

	/** A real backoff wait the caller must not spend blocked: far longer than a loaded first attempt. */
	private static final Duration REAL_WAIT = Duration.ofSeconds(5);

	private ScriptedHttpServer server;

	private ApplicationContextRunner runner;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new ScriptedHttpServer();
		ScriptedHttpServer server = this.server;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withBean(StreamClient.class, () -> new StreamClient(server))
			.withPropertyValues("resilience.policies.quotes.retry.backoff.initial-interval=10ms",
					"resilience.policies.quotes.retry.backoff.jitter=0");
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void failedMonoIsRetriedByInvokingTheMethodAgainAndSubscribingTheNewMono() {
		this.server.script("/q", Response.of(503), Response.of(503), Response.ok("42"));
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class).run((context) -> {
			StreamClient client = context.getBean(StreamClient.class);
			assertThat(client.quote("/q").block(Duration.ofSeconds(10))).isEqualTo("42");
			assertThat(client.invocations()).isEqualTo(3);
			assertThat(this.server.received("/q")).hasSize(3);
			assertThat(context.getBean(AsyncTestSleepers.ThreadRecording.class).threads()).hasSize(2)
				.allSatisfy((name) -> assertThat(name).startsWith("resilience-async"));
			assertThat(calls(context.getBean(MeterRegistry.class), "recovered")).isEqualTo(1);
		});
	}

	@Test
	void monoDoesNothingUntilSubscribedAndEachSubscriptionIsOneCall() {
		this.server.script("/q", Response.ok("42"));
		this.runner.run((context) -> {
			StreamClient client = context.getBean(StreamClient.class);
			Mono<String> quote = client.quote("/q");
			assertThat(client.invocations()).isZero();
			assertThat(this.server.received("/q")).isEmpty();
			assertThat(quote.block(Duration.ofSeconds(10))).isEqualTo("42");
			assertThat(quote.block(Duration.ofSeconds(10))).isEqualTo("42");
			assertThat(client.invocations()).isEqualTo(2);
			assertThat(this.server.received("/q")).hasSize(2);
			assertThat(calls(context.getBean(MeterRegistry.class), "success")).isEqualTo(2);
		});
	}

	@Test
	void subscriberIsNotBlockedDuringARealFiveSecondWait() {
		this.server.script("/q", Response.of(503), Response.ok("42"));
		this.runner
			.withPropertyValues(
					"resilience.policies.quotes.retry.backoff.initial-interval=" + REAL_WAIT.toSeconds() + "s")
			.run((context) -> {
				StreamClient client = context.getBean(StreamClient.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				long start = System.nanoTime();
				CompletableFuture<String> quote = client.quote("/q").toFuture();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> meters.find("resilience.attempts")
						.tags("policy", "quotes", "outcome", "transient_failure")
						.timer() != null);
				assertThat(quote).isNotDone();
				// Still inside the wait, however slowly a loaded machine ran the first attempt.
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REAL_WAIT.minusMillis(500));
				assertThat(quote.get(10, TimeUnit.SECONDS)).isEqualTo("42");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(REAL_WAIT);
				assertThat(meters.get("resilience.calls").tags("policy", "quotes", "outcome", "recovered").timer()
					.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(REAL_WAIT.toMillis());
			});
	}

	@Test
	void fluxThatFailedBeforeItsFirstElementIsRetried() {
		this.server.script("/s", Response.of(503), Response.ok("a\nb\n"));
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class).run((context) -> {
			StreamClient client = context.getBean(StreamClient.class);
			assertThat(client.lines("/s").collectList().block(Duration.ofSeconds(10))).containsExactly("a", "b");
			assertThat(client.invocations()).isEqualTo(2);
			assertThat(this.server.received("/s")).hasSize(2);
		});
	}

	@Test
	void fluxThatFailedAfterAnElementIsNotRetried() {
		this.server.script("/s", Response.brokenAfter("a\n"));
		Logger logger = (Logger) LoggerFactory.getLogger("dev.resilience.retry");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			this.runner.withBean(AsyncTestSleepers.ThreadRecording.class).run((context) -> {
				StreamClient client = context.getBean(StreamClient.class);
				List<String> delivered = new CopyOnWriteArrayList<>();
				assertThatException()
					.isThrownBy(() -> client.lines("/s").doOnNext(delivered::add).blockLast(Duration.ofSeconds(10)));
				assertThat(delivered).containsExactly("a");
				assertThat(client.invocations()).isEqualTo(1);
				assertThat(this.server.received("/s")).hasSize(1);
				assertThat(calls(context.getBean(MeterRegistry.class), "aborted")).isEqualTo(1);
				assertThat(appender.list).filteredOn((event) -> event.getLevel() == Level.WARN)
					.singleElement()
					.satisfies((event) -> assertThat(event.getFormattedMessage())
						.contains("the stream had already emitted"));
			});
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void cancellingTheSubscriptionDuringAWaitDropsItAndRetriesNothing() {
		this.server.script("/q", Response.of(503));
		this.runner.withBean(AsyncTestSleepers.Blocking.class).run((context) -> {
			StreamClient client = context.getBean(StreamClient.class);
			AsyncTestSleepers.Blocking sleeper = context.getBean(AsyncTestSleepers.Blocking.class);
			Disposable subscription = client.quote("/q").subscribe((value) -> {
			}, (failure) -> {
			});
			assertThat(sleeper.awaitEntered()).isTrue();
			subscription.dispose();
			assertThat(sleeper.awaitInterrupted()).isTrue();
			assertThat(client.invocations()).isEqualTo(1);
			assertThat(this.server.received("/q")).hasSize(1);
			assertThat(calls(context.getBean(MeterRegistry.class), "aborted")).isEqualTo(1);
		});
	}

	@Test
	void cancellingTheSubscriptionDuringAnAttemptEndsTheCall() {
		this.server.script("/q", Response.hang());
		this.runner.run((context) -> {
			StreamClient client = context.getBean(StreamClient.class);
			Disposable subscription = client.quote("/q").subscribe((value) -> {
			}, (failure) -> {
			});
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.received("/q").size() == 1);
			subscription.dispose();
			assertThat(calls(context.getBean(MeterRegistry.class), "aborted")).isEqualTo(1);
			assertThat(client.invocations()).isEqualTo(1);
		});
	}

	@Test
	void monoFallbackReplacesTheFinalFailure() {
		this.server.script("/q", Response.of(503));
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class)
			.withPropertyValues("resilience.policies.quotes.retry.max-attempts=2")
			.run((context) -> {
				StreamClient client = context.getBean(StreamClient.class);
				assertThat(client.quoteOrCached("/q").block(Duration.ofSeconds(10)))
					.isEqualTo("cached after ServiceUnavailable");
				assertThat(client.invocations()).isEqualTo(2);
				assertThat(context.getBean(MeterRegistry.class)
					.get("resilience.fallbacks")
					.tags("policy", "quotes", "cause", "exhausted")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void attemptTimeLimitCancelsTheSubscriptionAndRetries() {
		this.server.script("/q", Response.hang());
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class)
			.withPropertyValues("resilience.policies.quotes.timeout.attempt=300ms",
					"resilience.policies.quotes.retry.max-attempts=2")
			.run((context) -> {
				StreamClient client = context.getBean(StreamClient.class);
				assertThatException().isThrownBy(() -> client.quote("/q").block(Duration.ofSeconds(10)))
					.isInstanceOf(TimeoutExceededException.class);
				// Invoked again (the JDK client may not get the second request to this hanging server
				// before its limit: its first, cancelled exchange is still being torn down).
				assertThat(client.invocations()).isEqualTo(2);
				assertThat(this.server.received("/q")).isNotEmpty();
				assertThat(calls(context.getBean(MeterRegistry.class), "exhausted")).isEqualTo(1);
			});
	}

	@Test
	void bulkheadPlaceIsHeldUntilTheSubscriptionsOutcome() {
		this.server.script("/hang", Response.hang());
		this.server.script("/q", Response.ok("42"));
		this.runner.withPropertyValues("resilience.policies.quotes.bulkhead.max-concurrent-calls=1").run((context) -> {
			StreamClient client = context.getBean(StreamClient.class);
			Disposable hanging = client.quote("/hang").subscribe((value) -> {
			}, (failure) -> {
			});
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.received("/hang").size() == 1);
			assertThatException().isThrownBy(() -> client.quote("/q").block(Duration.ofSeconds(5)))
				.isInstanceOf(BulkheadFullException.class);
			hanging.dispose();
			assertThat(client.quote("/q").block(Duration.ofSeconds(10))).isEqualTo("42");
		});
	}

	private static double calls(MeterRegistry meters, String outcome) {
		return meters.get("resilience.calls").tags("policy", "quotes", "outcome", outcome).timer().count();
	}

	static class StreamClient {

		private final WebClient web;

		private final AtomicInteger invocations = new AtomicInteger();

		StreamClient(ScriptedHttpServer server) {
			this.web = WebClient.builder()
				.baseUrl(server.url(""))
				.clientConnector(new JdkClientHttpConnector())
				.build();
		}

		int invocations() {
			return this.invocations.get();
		}

		@Resilient("quotes")
		public Mono<String> quote(String path) {
			this.invocations.incrementAndGet();
			return this.web.get().uri(path).retrieve().bodyToMono(String.class);
		}

		@Resilient(value = "quotes", fallback = "cached")
		public Mono<String> quoteOrCached(String path) {
			this.invocations.incrementAndGet();
			return this.web.get().uri(path).retrieve().bodyToMono(String.class);
		}

		Mono<String> cached(String path, Throwable failure) {
			return Mono.just("cached after " + failure.getClass().getSimpleName());
		}

		@Resilient("quotes")
		public Flux<String> lines(String path) {
			this.invocations.incrementAndGet();
			return this.web.get().uri(path).retrieve().bodyToFlux(String.class);
		}

	}

}
