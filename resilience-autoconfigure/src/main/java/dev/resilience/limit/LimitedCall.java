package dev.resilience.limit;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import dev.resilience.TimeoutExceededException;

/**
 * The time limits of one call: runs each attempt on an attempt thread for at most
 * min({@code timeout.attempt}, the time left of {@code timeout.total}), with the caller's
 * context as it is when the attempt starts, and releases the caller when the limit passes, whatever the attempt is blocked on: the
 * attempt is interrupted and its eventual result or failure discarded. Holds the call's bulkhead
 * place, if any, until the call and every attempt it abandoned have ended. Used by the caller's
 * thread only, except {@link #abandonedAttemptEnded()}.
 */
public final class LimitedCall {

	private final String policy;

	private final TimeoutSettings timeout;

	private final AttemptThreads threads;

	private final Bulkhead bulkhead;

	private final LongSupplier nanoClock;

	private final boolean hasTotal;

	private final long deadline;

	private final CallerContext context;

	/** The call itself and its abandoned attempts still running; the place is released at zero. */
	private final AtomicInteger holders = new AtomicInteger(1);

	LimitedCall(String policy, TimeoutSettings timeout, AttemptThreads threads, Bulkhead bulkhead,
			CallerContext context, LongSupplier nanoClock, long start) {
		this.policy = policy;
		this.timeout = timeout;
		this.threads = threads;
		this.bulkhead = bulkhead;
		this.context = context;
		this.nanoClock = nanoClock;
		this.hasTotal = timeout.total() != null;
		this.deadline = this.hasTotal ? saturatedAdd(start, timeout.totalNanos()) : 0;
	}

	/**
	 * Runs one attempt within its limit.
	 * @return the attempt's result
	 * @throws TimeoutExceededException when the limit passed first ({@code isTotal()} when it was
	 * the total's)
	 * @throws InterruptedException when the caller was interrupted while waiting (its flag set
	 * again; the attempt is interrupted too)
	 * @throws Throwable what the attempt threw
	 */
	public Object run(Attempt attempt) throws Throwable {
		long left = this.hasTotal ? this.deadline - this.nanoClock.getAsLong() : Long.MAX_VALUE;
		long attemptNanos = this.timeout.attemptNanos();
		boolean byTotal = left < attemptNanos;
		if (byTotal && left <= 0) {
			throw passed(true);
		}
		// Captured per attempt: the caller's thread holds the attempt's own observation by now.
		AttemptTask task = new AttemptTask(this, this.context.capture(), attempt);
		this.threads.start(task);
		try {
			return task.get(byTotal ? left : attemptNanos, TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw ex.getCause();
		}
		catch (TimeoutException ex) {
			return abandon(task, byTotal);
		}
		catch (InterruptedException ex) {
			abandon(task);
			Thread.currentThread().interrupt();
			throw ex;
		}
	}

	private Object abandon(AttemptTask task, boolean byTotal) throws Throwable {
		if (abandon(task)) {
			// Woken late (a loaded machine), the attempt's limit may end past the total's too:
			// then the call's time is up, and the failure says so.
			throw passed(byTotal || (this.hasTotal && this.nanoClock.getAsLong() - this.deadline >= 0));
		}
		// It finished just as its time ran out: the result is there.
		try {
			return task.get();
		}
		catch (ExecutionException ex) {
			throw ex.getCause();
		}
	}

	/** Cancels the task, interrupting its thread; {@code false} when it had already finished. */
	private boolean abandon(AttemptTask task) {
		this.holders.incrementAndGet();
		if (task.cancel(true)) {
			return true;
		}
		this.holders.decrementAndGet();
		return false;
	}

	private TimeoutExceededException passed(boolean total) {
		return this.timeout.exceeded(this.policy, total);
	}

	/** The call has ended: its place goes back once its abandoned attempts have ended too. */
	public void end() {
		release();
	}

	/** An abandoned attempt's thread has let go of it. */
	void abandonedAttemptEnded() {
		release();
	}

	private void release() {
		if (this.holders.decrementAndGet() == 0 && this.bulkhead != null) {
			this.bulkhead.release();
		}
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (((a ^ sum) & (b ^ sum)) < 0) ? Long.MAX_VALUE : sum;
	}

}
