package dev.resilience.policy;

import dev.resilience.limit.LimitedCall;

/**
 * Runs each attempt of one time-limited call through its {@link LimitedCall}: on an attempt
 * thread, within the attempt's limit, marked as inside a call of its policy when the policy has
 * HTTP clients ({@link NestedCalls}). One per call.
 */
final class TimeLimitedRunner<W> implements AttemptRunner<W> {

	private final AttemptRunner<W> runner;

	private final LimitedCall call;

	/** The policy to mark the attempt thread with, or {@code null}. */
	private final Policy marked;

	TimeLimitedRunner(AttemptRunner<W> runner, LimitedCall call, Policy marked) {
		this.runner = runner;
		this.call = call;
		this.marked = marked;
	}

	@Override
	public Object first(W work) throws Throwable {
		return this.call.run(() -> NestedCalls.within(this.marked, () -> this.runner.first(work)));
	}

	@Override
	public Object retry(W work) throws Throwable {
		return this.call.run(() -> NestedCalls.within(this.marked, () -> this.runner.retry(work)));
	}

}
