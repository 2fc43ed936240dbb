package dev.resilience.tracing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.Resilience;
import dev.resilience.autoconfigure.FlakyService;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceTracingAutoConfiguration;
import dev.resilience.policy.CallTrace;
import dev.resilience.policy.CallTracing;
import dev.resilience.policy.PolicyRegistry;

import static dev.resilience.tracing.RecordedSpans.named;
import static dev.resilience.tracing.RecordedSpans.only;
import static dev.resilience.tracing.RecordedSpans.recording;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** Spans of {@code @Resilient} calls with Micrometer's in-memory tracer, in a real context. */
class ResilientTracingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceTracingAutoConfiguration.class, ObservationAutoConfiguration.class,
				MicrometerTracingAutoConfiguration.class))
		.withBean(FlakyService.class)
		.withBean(RecordingSleeper.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void recoveredCallIsOneCallSpanWithOneChildPerAttempt() {
		this.runner.withBean(SimpleTracer.class).run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			FlakyService flaky = context.getBean(FlakyService.class);
			flaky.failNext(1);
			SimpleSpan request = tracer.nextSpan().name("request").start();
			try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
				assertThat(flaky.call()).isEqualTo("ok");
			}
			request.end();
			SimpleSpan call = only(tracer, "resilience.call");
			assertThat(call.getParentId()).isEqualTo(request.context().spanId());
			assertThat(call.getTags()).containsExactlyInAnyOrderEntriesOf(
					Map.of("policy", "flaky", "outcome", "recovered"));
			List<SimpleSpan> attempts = named(tracer, "resilience.attempt");
			assertThat(attempts).hasSize(2)
				.allSatisfy((attempt) -> {
					assertThat(attempt.getParentId()).isEqualTo(call.context().spanId());
					assertThat(attempt.getTraceId()).isEqualTo(request.getTraceId());
					assertThat(attempt.getEndTimestamp()).isNotNull();
				});
			assertThat(attempts.get(0).getTags()).containsExactlyInAnyOrderEntriesOf(Map.of("policy",
					"flaky", "attempt", "1", "outcome", "transient_failure", "exception", "IllegalStateException"));
			assertThat(attempts.get(1).getTags()).containsExactlyInAnyOrderEntriesOf(Map.of("policy",
					"flaky", "attempt", "2", "outcome", "success", "exception", "none", "wait", "100ms"));
			assertThat(call.getEndTimestamp()).isNotNull();
			assertThat(tracer.currentSpan()).isNull();
		});
	}

	@Test
	void timeLimitedAttemptsRunOnTheStartersThreadsInsideTheirAttemptSpan() {
		this.runner.withBean(SimpleTracer.class)
			.withPropertyValues("resilience.policies.limited.timeout.attempt=5s")
			.run((context) -> {
				SimpleTracer tracer = context.getBean(SimpleTracer.class);
				Thread caller = Thread.currentThread();
				List<String> currentSpans = new CopyOnWriteArrayList<>();
				List<Thread> threads = new CopyOnWriteArrayList<>();
				String result = context.getBean(Resilience.class).call("limited", () -> {
					threads.add(Thread.currentThread());
					currentSpans.add(tracer.currentSpan().context().spanId());
					if (threads.size() == 1) {
						throw new IllegalStateException("down");
					}
					return "ok";
				});
				assertThat(result).isEqualTo("ok");
				assertThat(threads).hasSize(2).doesNotContain(caller);
				SimpleSpan call = only(tracer, "resilience.call");
				assertThat(call.getTags()).containsEntry("outcome", "recovered");
				List<SimpleSpan> attempts = named(tracer, "resilience.attempt");
				assertThat(attempts).extracting((span) -> span.getTags().get("outcome"))
					.containsExactly("transient_failure", "success");
				assertThat(attempts).allSatisfy(
						(attempt) -> assertThat(attempt.getParentId()).isEqualTo(call.context().spanId()));
				assertThat(currentSpans).containsExactly(attempts.get(0).context().spanId(),
						attempts.get(1).context().spanId());
				assertThat(tracer.currentSpan()).isNull();
			});
	}

	@Test
	void asynchronousCallsEndTheirSpansWhenTheirFuturesCompleteAndLeaveTheCallerThreadClean() {
		this.runner.withBean(SimpleTracer.class).run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			AtomicInteger attempts = new AtomicInteger();
			CompletableFuture<String> result = context.getBean(Resilience.class).callAsync("async", () -> {
				if (attempts.incrementAndGet() == 1) {
					return CompletableFuture.supplyAsync(() -> {
						throw new IllegalStateException("down");
					});
				}
				return CompletableFuture.supplyAsync(() -> "ok");
			});
			assertThat(tracer.currentSpan()).as("current on the caller after callAsync returned").isNull();
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
			await().untilAsserted(() -> assertThat(named(tracer, "resilience.call")).hasSize(1)
				.allSatisfy((span) -> assertThat(span.getTags()).containsEntry("outcome", "recovered")));
			SimpleSpan call = only(tracer, "resilience.call");
			List<SimpleSpan> spans = named(tracer, "resilience.attempt");
			assertThat(spans).extracting((span) -> span.getTags().get("outcome"))
				.containsExactly("transient_failure", "success");
			assertThat(spans).allSatisfy((span) -> assertThat(span.getParentId()).isEqualTo(call.context().spanId()));
			assertThat(tracer.currentSpan()).isNull();
		});
	}

	@Test
	void firstTimeSuccessIsOneCallSpanAndOneAttempt() {
		this.runner.withBean(SimpleTracer.class).run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			assertThat(context.getBean(FlakyService.class).call()).isEqualTo("ok");
			assertThat(only(tracer, "resilience.call").getTags()).containsEntry("outcome", "success");
			assertThat(only(tracer, "resilience.attempt").getTags()).containsEntry("outcome", "success")
				.containsEntry("attempt", "1")
				.containsEntry("exception", "none")
				.doesNotContainKey("wait");
			assertThat(tracer.currentSpan()).isNull();
		});
	}

	@Test
	void exhaustedCallTagsEachAttemptWithTheSimpleClassNameOnly() {
		this.runner.withBean(SimpleTracer.class).run((context) -> {
			SimpleTracer tracer = context.getBean(SimpleTracer.class);
			FlakyService flaky = context.getBean(FlakyService.class);
			flaky.failWith(new IllegalStateException("secret=hunter2"));
			flaky.failNext(10);
			assertThatIllegalStateException().isThrownBy(flaky::call);
			assertThat(only(tracer, "resilience.call").getTags()).containsEntry("outcome", "exhausted");
			List<SimpleSpan> attempts = named(tracer, "resilience.attempt");
			assertThat(attempts).extracting((span) -> span.getTags().get("attempt")).containsExactly("1", "2", "3");
			assertThat(attempts).allSatisfy((span) -> {
				assertThat(span.getTags()).containsEntry("exception", "IllegalStateException");
				assertThat(span.getTags().values()).noneMatch((value) -> value.contains("hunter2"));
				assertThat(span.getError()).isNull();
			});
			assertThat(tracer.currentSpan()).isNull();
		});
	}

	@Test
	void withoutATracerNoObservationIsCreated() {
		List<String> observed = new CopyOnWriteArrayList<>();
		this.runner.withBean("recordingHandler", ObservationHandler.class, () -> recording(observed)).run((context) -> {
			assertThat(context).doesNotHaveBean(Tracer.class);
			FlakyService flaky = context.getBean(FlakyService.class);
			flaky.failNext(1);
			assertThat(flaky.call()).isEqualTo("ok");
			context.getBean(Resilience.class).call("programmatic", () -> "ok");
			assertThat(observed).isEmpty();
			PolicyRegistry registry = context.getBean(PolicyRegistry.class);
			assertThat(registry.find("flaky").metrics().startCall()).isSameAs(CallTrace.NONE);
		});
	}

	@Test
	void bootsNoopTracerTracesNothing() {
		List<String> observed = new CopyOnWriteArrayList<>();
		this.runner.withConfiguration(AutoConfigurations.of(NoopTracerAutoConfiguration.class))
			.withBean("recordingHandler", ObservationHandler.class, () -> recording(observed))
			.run((context) -> {
				assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
				FlakyService flaky = context.getBean(FlakyService.class);
				flaky.failNext(1);
				assertThat(flaky.call()).isEqualTo("ok");
				assertThat(observed).isEmpty();
				assertThat(context.getBean(PolicyRegistry.class).find("flaky").metrics().startCall())
					.isSameAs(CallTrace.NONE);
			});
	}

	@Test
	void startsAndRunsCallsWithoutMicrometerTracingOnTheClasspath() {
		this.runner.withClassLoader(new FilteredClassLoader(Tracer.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(CallTracing.class);
			FlakyService flaky = context.getBean(FlakyService.class);
			flaky.failNext(1);
			assertThat(flaky.call()).isEqualTo("ok");
		});
	}

}
