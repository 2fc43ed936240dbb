package dev.resilience.benchmarks;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Resilience4j Retry around CircuitBreaker, configured like our defaults, with its Micrometer
 * binders on a {@link SimpleMeterRegistry}. An open circuit ends the call (not retried), as ours
 * does, and its exception has no stack trace, as ours has not.
 */
@State(Scope.Benchmark)
public class Resilience4jSubject {

	@Param({ Registries.SIMPLE, Registries.PROMETHEUS })
	public String registry;

	Supplier<String> call;

	Supplier<String> flaky;

	Supplier<String> rejected;

	@Setup
	public void setUp() {
		RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(3)
			.waitDuration(Duration.ZERO)
			.ignoreExceptions(CallNotPermittedException.class)
			.build());
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(breakerConfig(50));
		breakers.addConfiguration("flaky", breakerConfig(100));
		MeterRegistry meters = Registries.create(this.registry);
		TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
		Work work = new Work();
		Retry retry = retries.retry("bench");
		CircuitBreaker breaker = breakers.circuitBreaker("bench");
		this.call = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, work::call));
		this.flaky = Retry.decorateSupplier(retries.retry("flaky"),
				CircuitBreaker.decorateSupplier(breakers.circuitBreaker("flaky", "flaky"), work::flaky));
		CircuitBreaker open = breakers.circuitBreaker("rejecting");
		open.transitionToForcedOpenState();
		this.rejected = Retry.decorateSupplier(retries.retry("rejecting"),
				CircuitBreaker.decorateSupplier(open, work::rejected));
	}

	private static CircuitBreakerConfig breakerConfig(float failureRateThreshold) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(100)
			.minimumNumberOfCalls(20)
			.failureRateThreshold(failureRateThreshold)
			.waitDurationInOpenState(Duration.ofSeconds(30))
			.permittedNumberOfCallsInHalfOpenState(5)
			.writableStackTraceEnabled(false)
			.build();
	}

}
