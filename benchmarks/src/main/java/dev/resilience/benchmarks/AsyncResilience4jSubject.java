package dev.resilience.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Mono;

/**
 * Resilience4j Retry around CircuitBreaker for asynchronous work, configured like our defaults,
 * with its Micrometer binders: {@code decorateCompletionStage} for the future, its Reactor
 * operators for the {@code Mono}.
 */
@State(Scope.Benchmark)
public class AsyncResilience4jSubject {

	private ScheduledExecutorService scheduler;

	Supplier<CompletionStage<String>> stage;

	private Retry retry;

	private CircuitBreaker breaker;

	private AsyncWork work;

	@Setup
	public void setUp() {
		RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(3)
			.waitDuration(Duration.ZERO)
			.ignoreExceptions(CallNotPermittedException.class)
			.build());
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(100)
			.minimumNumberOfCalls(20)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofSeconds(30))
			.permittedNumberOfCallsInHalfOpenState(5)
			.writableStackTraceEnabled(false)
			.build());
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
		this.scheduler = Executors.newSingleThreadScheduledExecutor();
		this.work = new AsyncWork();
		this.retry = retries.retry("bench");
		this.breaker = breakers.circuitBreaker("bench");
		AsyncWork work = this.work;
		this.stage = Retry.decorateCompletionStage(this.retry, this.scheduler,
				CircuitBreaker.decorateCompletionStage(this.breaker, work::future));
	}

	Mono<String> mono() {
		return this.work.mono()
			.transformDeferred(CircuitBreakerOperator.of(this.breaker))
			.transformDeferred(RetryOperator.of(this.retry));
	}

	@TearDown
	public void tearDown() {
		this.scheduler.shutdownNow();
	}

}
