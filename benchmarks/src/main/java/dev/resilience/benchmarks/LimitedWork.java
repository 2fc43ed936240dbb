package dev.resilience.benchmarks;

import dev.resilience.Resilient;

/**
 * {@link Work} under policies with limits: {@code timed} has a {@code timeout.attempt} (every
 * attempt runs on one of the starter's threads), {@code bounded} a bulkhead; {@code bench} has
 * neither, for comparison.
 */
public class LimitedWork extends Work {

	@Override
	@Resilient("bench")
	public String call() {
		return super.call();
	}

	@Resilient("timed")
	public String timed() {
		return super.call();
	}

	@Resilient("bounded")
	public String bounded() {
		return super.call();
	}

}
