package dev.resilience.policy;

import dev.resilience.limit.LimitedCall;

/**
 * Runs each attempt of one time-limited call through its {@link LimitedCall}: on an attempt
 * thread, within the attempt's limit. The caller's {@link NestedCalls} mark goes with the attempt,
 * so that a call of the same policy inside it still runs once, not with retries of its own. One
 * per call.
 */
final class TimeLimitedRunner<W> implements AttemptRunner<W> {

	private final AttemptRunner<W> runner;

	private final LimitedCall call;

	/** The policy whose call the caller's thread is in, or {@code null}. */
	private final Policy marked;

	TimeLimitedRunner(AttemptRunner<W> runner, LimitedCall call) {
		this.runner = runner;
		this.call = call;
		this.marked = NestedCalls.current();
	}

	@Override
	public Object first(W work) throws Throwable {
		return this.call.run(() -> marked(true, work));
	}

	@Override
	public Object retry(W work) throws Throwable {
		return this.call.run(() -> marked(false, work));
	}

	private Object marked(boolean first, W work) throws Throwable {
		if (this.marked == null) {
			return first ? this.runner.first(work) : this.runner.retry(work);
		}
		Policy outer = NestedCalls.current();
		NestedCalls.enter(this.marked);
		try {
			return first ? this.runner.first(work) : this.runner.retry(work);
		}
		finally {
			NestedCalls.exit(outer);
		}
	}

}
