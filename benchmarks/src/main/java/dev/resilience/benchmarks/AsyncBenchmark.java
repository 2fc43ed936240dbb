package dev.resilience.benchmarks;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The happy path of asynchronous methods: a {@code CompletableFuture} method whose future is
 * already completed, and a {@code Mono} method subscribed once ({@code block()} on a ready value),
 * through a no-op proxy, ours (meters on) and Resilience4j's retry + circuit breaker (meters on).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AsyncBenchmark {

	@Benchmark
	public CompletionStage<String> futureNoopInterceptor(AsyncProxySubject subject) {
		return subject.noop.future();
	}

	@Benchmark
	public CompletionStage<String> futureResilientMetricsOn(ResilientMetricsSubject subject) {
		return subject.asyncWork.future();
	}

	@Benchmark
	public CompletionStage<String> futureResilience4jRetryCircuitBreakerMetrics(AsyncResilience4jSubject subject) {
		return subject.stage.get();
	}

	@Benchmark
	public String monoNoopInterceptor(AsyncProxySubject subject) {
		return subject.noop.mono().block();
	}

	@Benchmark
	public String monoResilientMetricsOn(ResilientMetricsSubject subject) {
		return subject.asyncWork.mono().block();
	}

	@Benchmark
	public String monoResilience4jRetryCircuitBreakerMetrics(AsyncResilience4jSubject subject) {
		return subject.mono().block();
	}

}
