package dev.resilience.retry;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.SleepingBackOffPolicy;
import org.springframework.retry.context.RetryContextSupport;

/**
 * Every backoff wait of the application goes through here: through the user's {@link Sleeper}
 * bean when there is one, else through a sleeper that also wakes when the application closes.
 * Thread-safe; one per application.
 */
public final class Waiter {

	private final CountDownLatch closed = new CountDownLatch(1);

	private final Sleeper sleeper;

	private final boolean userSleeper;

	/**
	 * @param userSleeper the user's sleeper (tests make waits instant with one), or {@code null}
	 * for real waits that end early when {@link #close()} is called
	 */
	public Waiter(Sleeper userSleeper) {
		this.sleeper = (userSleeper != null) ? userSleeper : this::sleepUntilClosed;
		this.userSleeper = userSleeper != null;
	}

	/**
	 * Whether waits go through the user's {@link Sleeper}: an asynchronous call then calls it on a
	 * scheduler thread instead of only scheduling a timer, so that a test's sleeper sees every wait.
	 */
	public boolean usesUserSleeper() {
		return this.userSleeper;
	}

	private void sleepUntilClosed(long millis) throws InterruptedException {
		if (this.closed.await(millis, TimeUnit.MILLISECONDS)) {
			throw new InterruptedException("application is shutting down");
		}
	}

	/** Ends every current and future wait at once: the application is closing. */
	public void close() {
		this.closed.countDown();
	}

	public boolean isClosed() {
		return this.closed.getCount() == 0;
	}

	/** A draw uniform in [0,1) for jitter. */
	public double draw() {
		return ThreadLocalRandom.current().nextDouble();
	}

	/**
	 * Waits {@code millis}. Returns {@link WaitResult#SLEPT}, or how the wait was cut short: on an
	 * interrupt the thread's interrupt flag is set again.
	 */
	public WaitResult sleep(long millis) {
		if (isClosed()) {
			return WaitResult.CLOSED;
		}
		try {
			if (millis > 0) {
				this.sleeper.sleep(millis);
			}
			return WaitResult.SLEPT;
		}
		catch (InterruptedException ex) {
			return interrupted();
		}
	}

	private WaitResult interrupted() {
		if (isClosed()) {
			return WaitResult.CLOSED;
		}
		Thread.currentThread().interrupt();
		return WaitResult.INTERRUPTED;
	}

	/**
	 * Prepares a user's {@code BackOffPolicy}: where it sleeps through a
	 * {@link Sleeper} it is given ours, so that test sleepers and shutdown reach it too.
	 */
	private BackOffPolicy adopt(BackOffPolicy policy) {
		if (policy instanceof SleepingBackOffPolicy<?> sleeping) {
			return sleeping.withSleeper(this.sleeper);
		}
		return policy;
	}

	/** Starts a user's backoff policy for one call. */
	public CustomBackOff start(BackOffPolicy policy) {
		BackOffPolicy adopted = adopt(policy);
		RetryContext context = new RetryContextSupport(null);
		return new CustomBackOff(adopted, adopted.start(context));
	}

	/** One call's state in a user's {@code BackOffPolicy}. */
	public final class CustomBackOff {

		private final BackOffPolicy policy;

		private final BackOffContext context;

		CustomBackOff(BackOffPolicy policy, BackOffContext context) {
			this.policy = policy;
			this.context = context;
		}

		/** Lets the user's policy wait; reports how the wait ended. */
		public WaitResult backOff() {
			if (isClosed()) {
				return WaitResult.CLOSED;
			}
			boolean interruptedBefore = Thread.currentThread().isInterrupted();
			try {
				this.policy.backOff(this.context);
				return Thread.currentThread().isInterrupted() ? endedEarly(interruptedBefore) : WaitResult.SLEPT;
			}
			catch (BackOffInterruptedException ex) {
				return endedEarly(interruptedBefore);
			}
		}

		/**
		 * A policy woken by our shutdown wake-up (an {@code InterruptedException} from our
		 * sleeper) sets the interrupt flag as for a real interrupt (Spring Retry's policies do):
		 * that flag is an echo of the shutdown, not an interrupt of the caller's, so it is cleared.
		 */
		private WaitResult endedEarly(boolean interruptedBefore) {
			if (isClosed()) {
				if (!interruptedBefore) {
					Thread.interrupted();
				}
				return WaitResult.CLOSED;
			}
			return interrupted();
		}

	}

}
