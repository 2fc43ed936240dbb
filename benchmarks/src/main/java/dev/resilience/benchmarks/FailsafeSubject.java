package dev.resilience.benchmarks;

import java.time.Duration;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Failsafe: a RetryPolicy (3 attempts, no delay) around a CircuitBreaker (50 failures of the last
 * 100); an open circuit ends the call. Failsafe has no Micrometer binder.
 */
@State(Scope.Benchmark)
public class FailsafeSubject {

	FailsafeExecutor<String> executor;

	/** For the flaky work, which fails half its attempts: the circuit opens only when all fail. */
	FailsafeExecutor<String> retrying;

	FailsafeExecutor<String> rejecting;

	CheckedSupplier<String> call;

	CheckedSupplier<String> flaky;

	CheckedSupplier<String> rejected;

	@Setup
	public void setUp() {
		RetryPolicy<String> retry = RetryPolicy.<String>builder()
			.withMaxAttempts(3)
			.abortOn(CircuitBreakerOpenException.class)
			.build();
		this.executor = Failsafe.with(retry, breaker(50, Duration.ofSeconds(30)));
		this.retrying = Failsafe.with(retry, breaker(100, Duration.ofSeconds(30)));
		CircuitBreaker<String> open = breaker(50, Duration.ofHours(1));
		open.open();
		this.rejecting = Failsafe.with(retry, open);
		Work work = new Work();
		this.call = work::call;
		this.flaky = work::flaky;
		this.rejected = work::rejected;
	}

	private static CircuitBreaker<String> breaker(int failuresOfLast100, Duration openFor) {
		return CircuitBreaker.<String>builder()
			.withFailureThreshold(failuresOfLast100, 100)
			.withDelay(openFor)
			.withSuccessThreshold(5)
			.build();
	}

}
