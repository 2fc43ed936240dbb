package dev.resilience.benchmarks;

import dev.resilience.Resilient;

/** {@link Work} under our {@code @Resilient}: policies {@code bench}, {@code flaky} and {@code rejecting}. */
public class ResilientWork extends Work {

	@Override
	@Resilient("bench")
	public String call() {
		return super.call();
	}

	@Override
	@Resilient("flaky")
	public String flaky() {
		return super.flaky();
	}

	@Override
	@Resilient("rejecting")
	public String rejected() {
		return super.rejected();
	}

}
