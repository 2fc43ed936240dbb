package dev.resilience.tracing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import dev.resilience.Resilient;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceTracingAutoConfiguration;
import dev.resilience.policy.ScriptedHttpServer;
import dev.resilience.policy.ScriptedHttpServer.Response;

import static dev.resilience.tracing.RecordedSpans.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the work of an asynchronous or reactive attempt creates is a child of that attempt: the
 * attempt's span is current while a {@code Mono} or {@code Flux} is subscribed and while a
 * future-returning method runs, on whichever thread each attempt starts.
 */
class AttemptWorkTracingTests {

	private final ExecutorService pool = ContextExecutorService.wrap(Executors.newSingleThreadExecutor(),
			() -> ContextSnapshotFactory.builder().build().captureAll());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceTracingAutoConfiguration.class, ObservationAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class))
		.withBean(SimpleTracer.class)
		.withBean(RecordingSleeper.class)
		.withBean(InnerSpans.class, () -> new InnerSpans(this.pool))
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@AfterEach
	void stop() throws InterruptedException {
		this.pool.shutdownNow();
		this.pool.awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void spanStartedWhenAMonoIsSubscribedIsAChildOfItsAttempt() {
		this.runner.run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			assertThat(context.getBean(InnerSpans.class).mono(tracer).block(Duration.ofSeconds(10))).isEqualTo("ok");
			assertChildrenOfEachAttempt(tracer);
		});
	}

	@Test
	void spanStartedWhenAFluxIsSubscribedIsAChildOfItsAttempt() {
		this.runner.run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			assertThat(context.getBean(InnerSpans.class).flux(tracer).collectList().block(Duration.ofSeconds(10)))
				.containsExactly("ok");
			assertChildrenOfEachAttempt(tracer);
		});
	}

	@Test
	void withReactorsAutomaticContextPropagationASpanStartedOnATimersThreadIsAChildOfItsAttempt() {
		Hooks.enableAutomaticContextPropagation();
		try {
			this.runner.run((context) -> {
				SimpleTracer tracer = context.getBean(SimpleTracer.class);
				assertThat(context.getBean(InnerSpans.class).delayed(tracer).block(Duration.ofSeconds(10)))
					.isEqualTo("ok");
				assertChildrenOfEachAttempt(tracer);
			});
		}
		finally {
			Hooks.disableAutomaticContextPropagation();
		}
	}

	@Test
	void spanStartedByAFutureMethodOrByTheTaskItHandsOnWithItsContextIsAChildOfItsAttempt() {
		this.runner.run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			assertThat(context.getBean(InnerSpans.class).future(tracer).get(10, TimeUnit.SECONDS)).isEqualTo("ok");
			await().untilAsserted(() -> assertThat(named(tracer, "resilience.call")).singleElement()
				.satisfies((call) -> assertThat(call.getEndTimestamp()).isNotNull()));
			List<SimpleSpan> attempts = named(tracer, "resilience.attempt");
			assertThat(attempts).hasSize(2);
			assertThat(named(tracer, "inner")).extracting(SimpleSpan::getParentId)
				.containsExactly(attempts.get(0).context().spanId(), attempts.get(1).context().spanId());
			assertThat(named(tracer, "handed-on")).extracting(SimpleSpan::getParentId)
				.containsExactly(attempts.get(0).context().spanId(), attempts.get(1).context().spanId());
			assertThat(tracer.currentSpan()).isNull();
		});
	}

	@Test
	void webClientRequestOfAMonoMethodIsAChildOfItsAttemptWhicheverThreadSubscribesIt() throws Exception {
		try (ScriptedHttpServer server = new ScriptedHttpServer()) {
			server.script("/q", Response.of(503), Response.ok("42"));
			this.runner
				.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
						WebClientObservationAutoConfiguration.class, HttpClientAutoConfiguration.class,
						ReactiveHttpClientAutoConfiguration.class))
				.withBean(RemoteQuotes.class)
				.run((context) -> {
					SimpleTracer tracer = context.getBean(SimpleTracer.class);
					assertThat(context.getBean(RemoteQuotes.class).quote(server.url("/q"))
						.block(Duration.ofSeconds(10))).isEqualTo("42");
					await().untilAsserted(() -> assertThat(named(tracer, "resilience.call")).singleElement()
						.satisfies((call) -> assertThat(call.getEndTimestamp()).isNotNull()));
					List<SimpleSpan> attempts = named(tracer, "resilience.attempt");
					assertThat(attempts).hasSize(2);
					assertThat(named(tracer, "http get")).extracting(SimpleSpan::getParentId)
						.containsExactly(attempts.get(0).context().spanId(), attempts.get(1).context().spanId());
					assertThat(tracer.currentSpan()).isNull();
				});
		}
	}

	private static void assertChildrenOfEachAttempt(SimpleTracer tracer) {
		await().untilAsserted(() -> assertThat(named(tracer, "resilience.call")).singleElement()
			.satisfies((call) -> assertThat(call.getTags()).containsEntry("outcome", "recovered")));
		SimpleSpan call = named(tracer, "resilience.call").get(0);
		List<SimpleSpan> attempts = named(tracer, "resilience.attempt");
		assertThat(attempts).hasSize(2)
			.allSatisfy((attempt) -> assertThat(attempt.getParentId()).isEqualTo(call.context().spanId()));
		List<SimpleSpan> inner = named(tracer, "inner");
		assertThat(inner).extracting(SimpleSpan::getParentId)
			.containsExactly(attempts.get(0).context().spanId(), attempts.get(1).context().spanId());
		assertThat(inner).allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(call.getTraceId()));
		assertThat(tracer.currentSpan()).isNull();
	}

	/** Each method fails its first attempt; each attempt starts a span of its own. */
	static class InnerSpans {

		private final AtomicInteger invocations = new AtomicInteger();

		private final ExecutorService pool;

		InnerSpans(ExecutorService pool) {
			this.pool = pool;
		}

		@Resilient("reactive")
		public Mono<String> mono(Tracer tracer) {
			return Mono.defer(() -> {
				span(tracer, "inner");
				return (this.invocations.incrementAndGet() == 1) ? Mono.error(new IllegalStateException("down"))
						: Mono.just("ok");
			});
		}

		@Resilient("reactive")
		public Mono<String> delayed(Tracer tracer) {
			return Mono.delay(Duration.ofMillis(1)).then(Mono.fromCallable(() -> {
				span(tracer, "inner");
				if (this.invocations.incrementAndGet() == 1) {
					throw new IllegalStateException("down");
				}
				return "ok";
			}));
		}

		@Resilient("reactive")
		public Flux<String> flux(Tracer tracer) {
			return Flux.defer(() -> {
				span(tracer, "inner");
				return (this.invocations.incrementAndGet() == 1) ? Flux.error(new IllegalStateException("down"))
						: Flux.just("ok");
			});
		}

		@Resilient("future")
		public CompletableFuture<String> future(Tracer tracer) {
			span(tracer, "inner");
			boolean first = this.invocations.incrementAndGet() == 1;
			return CompletableFuture.supplyAsync(() -> {
				span(tracer, "handed-on");
				if (first) {
					throw new IllegalStateException("down");
				}
				return "ok";
			}, this.pool);
		}

		private static void span(Tracer tracer, String name) {
			Span span = tracer.nextSpan().name(name).start();
			span.end();
		}

	}

	/** Requests with the application's WebClient, subscribed on a timer's thread. */
	static class RemoteQuotes {

		private final WebClient web;

		RemoteQuotes(WebClient.Builder builder) {
			this.web = builder.build();
		}

		@Resilient("remote")
		public Mono<String> quote(String url) {
			return Mono.delay(Duration.ofMillis(1)).then(this.web.get().uri(url).retrieve().bodyToMono(String.class));
		}

	}

}
