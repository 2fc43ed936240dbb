package dev.resilience.limit;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * One attempt on an attempt thread. The caller waits for it up to its limit, then cancels it
 * (interrupting its thread); a cancelled task tells its call when its thread has really let go of
 * the attempt, so that the call's bulkhead place is held until then.
 */
final class AttemptTask extends FutureTask<Object> {

	private final LimitedCall call;

	AttemptTask(LimitedCall call, CallerContext.Captured context, Attempt attempt) {
		super(callable(context, attempt));
		this.call = call;
	}

	@Override
	public void run() {
		try {
			super.run();
		}
		finally {
			// After run() the state is final: cancelled now means the caller abandoned this attempt.
			if (isCancelled()) {
				this.call.abandonedAttemptEnded();
			}
		}
	}

	private static Callable<Object> callable(CallerContext.Captured context, Attempt attempt) {
		return () -> {
			try {
				return context.runWith(attempt);
			}
			catch (Throwable ex) {
				throw Sneaky.<RuntimeException>rethrow(ex);
			}
		};
	}

	/** Passes any throwable through {@code Callable#call} unwrapped; FutureTask catches it as is. */
	private static final class Sneaky {

		@SuppressWarnings("unchecked")
		static <T extends Throwable> T rethrow(Throwable ex) throws T {
			throw (T) ex;
		}

	}

}
