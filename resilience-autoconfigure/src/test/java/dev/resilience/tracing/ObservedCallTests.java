package dev.resilience.tracing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.resilience.policy.AttemptOutcome;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.CallTrace;
import dev.resilience.policy.PolicyMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which thread a call's spans are current on: the one that started them, until they end there or
 * it leaves them; a scope is never closed on another thread.
 */
class ObservedCallTests {

	private final SimpleTracer tracer = new SimpleTracer();

	private final ExecutorService completions = Executors.newSingleThreadExecutor();

	private final List<String> seen = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() throws InterruptedException {
		this.completions.shutdownNow();
		this.completions.awaitTermination(5, TimeUnit.SECONDS);
	}

	@Test
	void theCallAndItsAttemptAreCurrentOnTheStartingThreadUntilTheyEnd() {
		CallTrace trace = start();
		see();
		trace.attemptEnded(AttemptOutcome.TRANSIENT_FAILURE, new IllegalStateException());
		see();
		trace.attemptStarted(2, "100ms");
		see();
		trace.attemptEnded(AttemptOutcome.SUCCESS, null);
		trace.callEnded(CallOutcome.RECOVERED);
		see();
		assertThat(this.seen).containsExactly(id("resilience.attempt", "1"), id("resilience.call", null),
				id("resilience.attempt", "2"), "none");
	}

	@Test
	void anAsynchronousCallLeavesTheStartingThreadAndEndsOnAnother() throws Exception {
		CallTrace trace = start();
		trace.detach();
		see();
		run(() -> {
			trace.attemptEnded(AttemptOutcome.TRANSIENT_FAILURE, new IllegalStateException());
			trace.attemptStarted(2, "100ms");
			see();
			trace.detach();
			see();
		});
		run(() -> {
			trace.attemptEnded(AttemptOutcome.SUCCESS, null);
			trace.callEnded(CallOutcome.RECOVERED);
			see();
		});
		assertThat(this.seen).containsExactly("none", id("resilience.attempt", "2"), "none", "none");
		assertThat(this.tracer.getSpans()).hasSize(3)
			.allSatisfy((span) -> assertThat(span.getEndTimestamp()).isNotNull());
	}

	@Test
	void endingOnAnotherThreadNeverClosesThatThreadsScopes() throws Exception {
		CallTrace trace = start();
		run(() -> {
			Span other = this.tracer.nextSpan().name("other").start();
			try (Tracer.SpanInScope scope = this.tracer.withSpan(other)) {
				trace.attemptEnded(AttemptOutcome.SUCCESS, null);
				trace.callEnded(CallOutcome.SUCCESS);
				assertThat(this.tracer.currentSpan()).isSameAs(other);
			}
			other.end();
		});
		assertThat(this.tracer.getSpans()).filteredOn((span) -> span.getName().startsWith("resilience"))
			.hasSize(2)
			.allSatisfy((span) -> assertThat(span.getEndTimestamp()).isNotNull());
		trace.detach();
		assertThat(this.tracer.currentSpan()).isNull();
	}

	@Test
	void handedOverTheTraceMakesOnlyEnteredAttemptsCurrentAndARetryEnteredInsideTheFailedOneIsStillTheCallsChild() {
		CallTrace trace = start();
		trace.handOverScopes();
		see();
		Object first = trace.enterAttempt();
		see();
		trace.attemptEnded(AttemptOutcome.TRANSIENT_FAILURE, new IllegalStateException());
		// A retry subscribed at once, inside the failed attempt's subscription.
		trace.attemptStarted(2, "0ms");
		see();
		Object second = trace.enterAttempt();
		see();
		trace.attemptEnded(AttemptOutcome.SUCCESS, null);
		trace.callEnded(CallOutcome.RECOVERED);
		trace.exitAttempt(second);
		see();
		trace.exitAttempt(first);
		see();
		String call = id("resilience.call", null);
		String attempt1 = id("resilience.attempt", "1");
		String attempt2 = id("resilience.attempt", "2");
		assertThat(this.seen).containsExactly("none", attempt1, attempt1, attempt2, attempt1, "none");
		assertThat(this.tracer.getSpans()).filteredOn((span) -> span.getName().equals("resilience.attempt"))
			.allSatisfy((span) -> assertThat(span.getParentId()).isEqualTo(call));
	}

	private CallTrace start() {
		PolicyMetrics metrics = new TracedPolicyMetrics("orders", new ObservedCalls(this.tracer).registry(),
				PolicyMetrics.NONE);
		return metrics.startCall();
	}

	private void run(Runnable task) throws Exception {
		CompletableFuture.runAsync(task, this.completions).get(5, TimeUnit.SECONDS);
	}

	/** Remembers the id of the current span (names and tags are set when a span ends). */
	private void see() {
		Span current = this.tracer.currentSpan();
		this.seen.add((current != null) ? current.context().spanId() : "none");
	}

	private String id(String name, String attempt) {
		return this.tracer.getSpans()
			.stream()
			.filter((span) -> name.equals(span.getName())
					&& (attempt == null || attempt.equals(span.getTags().get("attempt"))))
			.map(SimpleSpan::getSpanId)
			.findFirst()
			.orElseThrow();
	}

}
