package dev.resilience.sample.backoff;

import java.time.Duration;
import java.util.List;

import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.SleepingBackOffPolicy;
import org.springframework.retry.backoff.ThreadWaitSleeper;

/**
 * A custom backoff strategy, as a user would plug one in with {@code policy-bean}: waits a fixed
 * list of steps, then repeats the last. A {@link SleepingBackOffPolicy}, so the starter hands it
 * its own sleeper (which also ends the wait when the application closes). Thread-safe.
 */
public final class StepBackOffPolicy implements SleepingBackOffPolicy<StepBackOffPolicy> {

	private final List<Duration> steps;

	private final Sleeper sleeper;

	public StepBackOffPolicy(List<Duration> steps) {
		this(steps, new ThreadWaitSleeper());
	}

	private StepBackOffPolicy(List<Duration> steps, Sleeper sleeper) {
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("At least one step is required");
		}
		this.steps = List.copyOf(steps);
		this.sleeper = sleeper;
	}

	public List<Duration> steps() {
		return this.steps;
	}

	@Override
	public StepBackOffPolicy withSleeper(Sleeper sleeper) {
		return new StepBackOffPolicy(this.steps, sleeper);
	}

	@Override
	public BackOffContext start(RetryContext context) {
		return new Position();
	}

	@Override
	public void backOff(BackOffContext context) throws BackOffInterruptedException {
		Position position = (Position) context;
		Duration step = this.steps.get(Math.min(position.next++, this.steps.size() - 1));
		try {
			this.sleeper.sleep(step.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackOffInterruptedException("Interrupted during a backoff step", ex);
		}
	}

	private static final class Position implements BackOffContext {

		private int next;

	}

}
