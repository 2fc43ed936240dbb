package dev.resilience.limit;

import java.util.function.LongSupplier;

/**
 * One policy's time limits and bulkhead at run time: its bulkhead (if configured), its attempt
 * threads (made on the first time-limited call, as a run-time change may add a limit) and its
 * transaction warning. Thread-safe; {@link #close()} when the application closes.
 */
public final class PolicyLimits implements AutoCloseable {

	private final String policy;

	private final Bulkhead bulkhead;

	private final CallerContext context;

	private final TransactionWarning transactionWarning;

	private volatile AttemptThreads threads;

	private boolean closed;

	/**
	 * @param bulkhead the policy's bulkhead settings
	 * @param context how the caller's context reaches attempt threads
	 */
	public PolicyLimits(String policy, BulkheadSettings bulkhead, CallerContext context) {
		this.policy = policy;
		this.bulkhead = bulkhead.bounded() ? new Bulkhead(policy, bulkhead) : null;
		this.context = context;
		this.transactionWarning = new TransactionWarning(policy);
	}

	/** The bulkhead, or {@code null} when calls are unbounded. */
	public Bulkhead bulkhead() {
		return this.bulkhead;
	}

	/** Calls holding a place of the bulkhead now, abandoned attempts included; 0 without one. */
	public int callsHoldingAPlace() {
		return (this.bulkhead != null) ? this.bulkhead.calls() : 0;
	}

	/**
	 * Starts a time-limited call on the caller's thread: warns once if it is inside a
	 * transaction.
	 * @param holdsPlace whether the call holds a place of {@link #bulkhead()}, released through
	 * {@link LimitedCall#end()}
	 * @param maxAttempts the policy's max-attempts, which with the bulkhead bounds the pool threads
	 * it may need
	 */
	public LimitedCall start(TimeoutSettings timeout, boolean holdsPlace, int maxAttempts, LongSupplier nanoClock,
			long start) {
		this.transactionWarning.check();
		return new LimitedCall(this.policy, timeout, threads(maxAttempts), holdsPlace ? this.bulkhead : null,
				this.context, nanoClock, start);
	}

	/**
	 * A pool large enough for every attempt the bulkhead lets run (each call's attempts may all
	 * have been abandoned and still hang), and never less than the default.
	 */
	private int poolBound(int maxAttempts) {
		if (this.bulkhead == null) {
			return AttemptThreads.DEFAULT_MAX_POOL_THREADS;
		}
		long needed = (long) this.bulkhead.maxConcurrentCalls() * Math.max(1, maxAttempts);
		return (int) Math.min(Integer.MAX_VALUE, Math.max(AttemptThreads.DEFAULT_MAX_POOL_THREADS, needed));
	}

	private AttemptThreads threads(int maxAttempts) {
		AttemptThreads threads = this.threads;
		if (threads == null) {
			synchronized (this) {
				threads = this.threads;
				if (threads == null) {
					threads = new AttemptThreads(this.policy, poolBound(maxAttempts), true);
					if (this.closed) {
						threads.close();
					}
					this.threads = threads;
				}
			}
		}
		return threads;
	}

	/** Interrupts attempts still running; later time-limited calls fail to start theirs. */
	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.threads != null) {
			this.threads.close();
		}
	}

}
