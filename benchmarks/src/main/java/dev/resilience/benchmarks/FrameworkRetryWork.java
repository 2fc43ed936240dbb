package dev.resilience.benchmarks;

import org.springframework.resilience.annotation.Retryable;

/**
 * {@link Work} under Spring Framework 7's {@code @Retryable} (3 retries). It has no Sleeper hook,
 * so the retry of {@link #flaky()} uses {@code delay = 0}: {@code Thread.sleep(0)}, a yield.
 */
public class FrameworkRetryWork extends Work {

	@Override
	@Retryable
	public String call() {
		return super.call();
	}

	@Override
	@Retryable(delay = 0)
	public String flaky() {
		return super.flaky();
	}

}
