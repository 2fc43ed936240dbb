package dev.resilience.limit;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.resilience.BulkheadFullException;

/**
 * A policy's places for calls in flight ({@code bulkhead.max-concurrent-calls}): a fair semaphore,
 * so places are given in arrival order. A call takes a place with {@link #tryAcquire()} and gives
 * it back with {@link #release()} exactly once, when it and any attempt it abandoned have ended.
 * Thread-safe.
 */
public final class Bulkhead {

	private final String policy;

	private final int maxConcurrentCalls;

	private final long maxWaitNanos;

	private final Semaphore places;

	public Bulkhead(String policy, BulkheadSettings settings) {
		this.policy = policy;
		this.maxConcurrentCalls = settings.maxConcurrentCalls();
		this.maxWaitNanos = settings.maxWait().toNanos();
		this.places = new Semaphore(this.maxConcurrentCalls, true);
	}

	/**
	 * Takes a place, waiting up to {@code bulkhead.max-wait} behind earlier arrivals.
	 * @return {@code false} when no place came free in time, or the thread was interrupted while
	 * waiting (its interrupt flag is then set again)
	 */
	public boolean tryAcquire() {
		if (this.maxWaitNanos == 0) {
			// No call of the policy ever waits, so there is no queue to jump: the cheapest form.
			return this.places.tryAcquire();
		}
		try {
			// The timed form honours fairness; the untimed one would barge past the waiting calls.
			return this.places.tryAcquire(this.maxWaitNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Gives a place back. */
	public void release() {
		this.places.release();
	}

	/** Calls holding a place now, abandoned attempts included. */
	public int calls() {
		return this.maxConcurrentCalls - this.places.availablePermits();
	}

	/** Calls waiting for a place now (an estimate, as the semaphore's queue length is). */
	public int queued() {
		return this.places.getQueueLength();
	}

	public int maxConcurrentCalls() {
		return this.maxConcurrentCalls;
	}

	/** The failure of a call that found no place. */
	public BulkheadFullException full() {
		return new BulkheadFullException(this.policy, this.maxConcurrentCalls);
	}

}
