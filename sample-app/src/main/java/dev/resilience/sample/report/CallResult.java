package dev.resilience.sample.report;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * How one call ended, as its caller saw it: the value or the exception, and how long it took.
 *
 * @param value what the call returned, or {@code null}
 * @param failure what it threw, or {@code null}
 * @param elapsed how long it took, waits included
 */
public record CallResult(Object value, Throwable failure, Duration elapsed) {

	/** Runs {@code call} and captures how it ended. */
	public static CallResult of(Callable<?> call) {
		long start = System.nanoTime();
		try {
			Object value = call.call();
			return new CallResult(value, null, Duration.ofNanos(System.nanoTime() - start));
		}
		catch (Exception ex) {
			return new CallResult(null, ex, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	public boolean succeeded() {
		return this.failure == null;
	}

	public boolean failedWith(Class<? extends Throwable> type) {
		return type.isInstance(this.failure);
	}

	/** {@code success}, {@code recovered} (after a retry) or {@code failed: <exception>}. */
	public String outcome(int attempts) {
		if (succeeded()) {
			return (attempts > 1) ? "recovered" : "success";
		}
		return "failed: " + this.failure.getClass().getSimpleName();
	}

}
