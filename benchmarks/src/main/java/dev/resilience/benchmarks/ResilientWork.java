package dev.resilience.benchmarks;

import dev.resilience.Resilient;

/** {@link Work} under our {@code @Resilient}: policy {@code bench}, and {@code rejecting} forced open. */
public class ResilientWork extends Work {

	@Override
	@Resilient("bench")
	public String call() {
		return super.call();
	}

	@Override
	@Resilient("bench")
	public String flaky() {
		return super.flaky();
	}

	@Override
	@Resilient("rejecting")
	public String rejected() {
		return super.rejected();
	}

}
