package dev.resilience.retry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Waits of asynchronous calls, without blocking the caller's thread or a Reactor thread: a
 * {@link RetryPlan}'s wait becomes a timer on a small daemon pool ({@code resilience-async-N}).
 * Where a thread must sleep (the user's {@code Sleeper}, which tests use to make waits instant, or
 * the user's {@code BackOffPolicy}), the plan waits on a daemon thread of the starter's
 * ({@code resilience-async-wait-N}), never on the caller's. Thread-safe; one per application,
 * closed with it: pending waits then end at once as the plan says for a closing application.
 */
public final class WaitScheduler implements AutoCloseable {

	private final Waiter waiter;

	private final LongSupplier nanoClock;

	private final ScheduledThreadPoolExecutor timers;

	private final ExecutorService sleepers;

	/** Timed waits not yet fired, ended at once by {@link #close()}. */
	private final Set<Pending> timed = ConcurrentHashMap.newKeySet();

	/**
	 * @param waiter every wait's sleeper, and whether the application is closing
	 * @param nanoClock monotonic time in nanoseconds, to meter each wait
	 */
	public WaitScheduler(Waiter waiter, LongSupplier nanoClock) {
		this.waiter = waiter;
		this.nanoClock = nanoClock;
		this.timers = new ScheduledThreadPoolExecutor(2, daemons("resilience-async-"));
		this.timers.setRemoveOnCancelPolicy(true);
		this.sleepers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				daemons("resilience-async-wait-"));
	}

	/**
	 * Waits as {@code wait} says, then hands the plan's decision after it ({@link RetryDecision.Retry#NOW}
	 * or a {@link RetryDecision.Stop}) to {@code then}, on a thread of the starter's.
	 * @return the pending wait: {@link Pending#drop()} drops it, and {@code then} is not called
	 */
	public Pending schedule(RetryPlan plan, RetryDecision.Wait wait, Consumer<RetryDecision> then) {
		Pending pending = new Pending(plan, wait, then, this.nanoClock.getAsLong());
		if (wait.custom() || this.waiter.usesUserSleeper()) {
			try {
				pending.future = this.sleepers.submit(pending::sleep);
			}
			catch (RejectedExecutionException ex) {
				// Closed: the waiter is closed too, so the plan stops at once.
				pending.sleep();
			}
			return pending;
		}
		this.timed.add(pending);
		try {
			pending.future = this.timers.schedule(pending::timerFired, wait.duration().toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			pending.timerFired();
		}
		return pending;
	}

	/**
	 * Runs {@code task} after {@code nanos} on a timer thread (a time limit: nothing waits for it).
	 * @return cancelling it drops the task; {@code null} when the application is closing
	 */
	public Future<?> after(long nanos, Runnable task) {
		try {
			return this.timers.schedule(task, nanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

	/**
	 * Ends every pending wait now (the waiter is closed first, so their plans stop the calls) and
	 * lets no new one start.
	 */
	@Override
	public void close() {
		this.waiter.close();
		this.timers.shutdownNow();
		this.sleepers.shutdownNow();
		for (Pending pending : this.timed) {
			pending.timerFired();
		}
	}

	/** One scheduled wait; its decision is handed on at most once. */
	public final class Pending {

		private final RetryPlan plan;

		private final RetryDecision.Wait wait;

		private final Consumer<RetryDecision> then;

		private final long before;

		private final AtomicBoolean done = new AtomicBoolean();

		private volatile Future<?> future;

		private Pending(RetryPlan plan, RetryDecision.Wait wait, Consumer<RetryDecision> then, long before) {
			this.plan = plan;
			this.wait = wait;
			this.then = then;
			this.before = before;
		}

		/** Drops the wait: nothing more happens for it. */
		public void drop() {
			if (this.done.compareAndSet(false, true)) {
				WaitScheduler.this.timed.remove(this);
				Future<?> future = this.future;
				if (future != null) {
					future.cancel(true);
				}
			}
		}

		private void timerFired() {
			if (this.done.compareAndSet(false, true)) {
				WaitScheduler.this.timed.remove(this);
				WaitResult result = WaitScheduler.this.waiter.isClosed() ? WaitResult.CLOSED : WaitResult.SLEPT;
				this.then.accept(this.plan.resumeAfter(result, WaitScheduler.this.nanoClock.getAsLong() - this.before));
			}
		}

		private void sleep() {
			RetryDecision decision = this.plan.await(this.wait);
			if (this.done.compareAndSet(false, true)) {
				this.then.accept(decision);
			}
		}

	}

	private static ThreadFactory daemons(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
