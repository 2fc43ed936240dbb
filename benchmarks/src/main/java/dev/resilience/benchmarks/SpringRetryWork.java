package dev.resilience.benchmarks;

import org.springframework.retry.annotation.Retryable;

/** {@link Work} under Spring Retry's {@code @Retryable} (3 attempts, waits through the Sleeper). */
public class SpringRetryWork extends Work {

	@Override
	@Retryable
	public String call() {
		return super.call();
	}

	@Override
	@Retryable
	public String flaky() {
		return super.flaky();
	}

}
