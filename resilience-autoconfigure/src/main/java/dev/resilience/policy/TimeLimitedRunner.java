package dev.resilience.policy;

import dev.resilience.limit.LimitedCall;

/**
 * Runs each attempt of one time-limited call through its {@link LimitedCall}: on an attempt
 * thread, within the attempt's limit. One per call.
 */
final class TimeLimitedRunner<W> implements AttemptRunner<W> {

	private final AttemptRunner<W> runner;

	private final LimitedCall call;

	TimeLimitedRunner(AttemptRunner<W> runner, LimitedCall call) {
		this.runner = runner;
		this.call = call;
	}

	@Override
	public Object first(W work) throws Throwable {
		return this.call.run(() -> this.runner.first(work));
	}

	@Override
	public Object retry(W work) throws Throwable {
		return this.call.run(() -> this.runner.retry(work));
	}

}
