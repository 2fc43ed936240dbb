package dev.resilience.retry;

import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import dev.resilience.TimeoutExceededException;
import dev.resilience.classify.Idempotency;
import dev.resilience.classify.Verdict;
import dev.resilience.retry.RetryDecision.Ending;
import dev.resilience.retry.RetryDecision.Stop;
import dev.resilience.retry.RetryDecision.Wait;

/**
 * The one retry decision: after each failure of one call (or one supervised connection's run of
 * failures), whether to stop and why, or how long to wait. It owns the random draw, the backoff
 * formula, the merging of a server's {@code Retry-After} and its limit, max-elapsed-time, the
 * user's {@code BackOffPolicy}, the backoff meter, the policy's retry budget and its
 * server-driven pause (§15). The blocking call path, the supervisor and the asynchronous paths
 * all ask it; nothing else decides.
 * <p>
 * Created only after a call's first failure, so the happy path allocates nothing. Arithmetic
 * saturates: no setting or server value makes it overflow. Not thread-safe: one per call, used
 * by one thread at a time.
 */
public final class RetryPlan {


	/** The reason of a call the retry budget ended (§15). */
	public static final String BUDGET_SPENT = "retry budget spent";

	private final RetrySettings retry;

	private final boolean idempotent;

	private final Waiter waiter;

	private final LongSupplier nanoClock;

	private final long start;

	private final LongConsumer backoffMeter;

	/** {@code timeout.total}, or {@code null}. */
	private final Duration totalLimit;

	private final RetryBudget budget;

	private final ServerPause pause;

	/** Waits this plan has planned: wait n is initial × multiplier^(n−1). */
	private int waits;

	private Waiter.CustomBackOff customBackOff;

	/** Extra waits a server's pause of the policy added after a wait had ended (bounded). */
	private int pauseWaits;

	/**
	 * A plan without a time limit, a budget or a server pause, as a supervised connection's (it
	 * has its own bound: max-attempts consecutive failures).
	 */
	public RetryPlan(RetrySettings retry, boolean idempotent, Waiter waiter, LongSupplier nanoClock, long start,
			LongConsumer backoffMeter) {
		this(retry, idempotent, waiter, nanoClock, start, backoffMeter, null, null, null);
	}

	/**
	 * A plan for a call with a total time limit, without a budget or a server pause.
	 * @see #RetryPlan(RetrySettings, boolean, Waiter, LongSupplier, long, LongConsumer, Duration, RetryBudget,
	 * ServerPause)
	 */
	public RetryPlan(RetrySettings retry, boolean idempotent, Waiter waiter, LongSupplier nanoClock, long start,
			LongConsumer backoffMeter, Duration totalLimit) {
		this(retry, idempotent, waiter, nanoClock, start, backoffMeter, totalLimit, null, null);
	}

	/**
	 * A call's plan: a failure that is the total time limit passing ends the call, no wait that
	 * would end past it is started, and the policy's budget and server pause apply (§15).
	 * @param retry the call's retry settings (read once: a run-time change applies to later calls)
	 * @param idempotent {@code false}: only failures before the request was sent are retried
	 * @param waiter draws jitter and performs blocking waits
	 * @param nanoClock monotonic time in nanoseconds
	 * @param start when the call (or the run of failures) began, on {@code nanoClock}
	 * @param backoffMeter receives the nanoseconds of each wait actually waited
	 * @param totalLimit the call's {@code timeout.total}, or {@code null} for none
	 * @param budget the policy's retry budget, or {@code null} for none; the plan is created at a
	 * call's first failure, which it counts there as a started call
	 * @param pause the policy's server-driven pause, or {@code null} for none
	 */
	public RetryPlan(RetrySettings retry, boolean idempotent, Waiter waiter, LongSupplier nanoClock, long start,
			LongConsumer backoffMeter, Duration totalLimit, RetryBudget budget, ServerPause pause) {
		this.totalLimit = totalLimit;
		this.retry = retry;
		this.idempotent = idempotent;
		this.waiter = waiter;
		this.nanoClock = nanoClock;
		this.start = start;
		this.backoffMeter = backoffMeter;
		this.budget = budget;
		this.pause = pause;
		if (budget != null) {
			budget.firstAttemptFailed();
		}
	}

	/**
	 * Decides after a failure.
	 * @param failedAttempts consecutive failed attempts so far, this one included (0 for a
	 * supervised connection that ended after being stable: it is not a failure)
	 * @param failure what the attempt threw, or {@code null} for an end without failure (a
	 * supervised session that returned)
	 * @param verdict the failure's classification, or {@code null} with a {@code null} failure
	 * @return {@link Stop} or {@link Wait}
	 */
	public RetryDecision afterFailure(int failedAttempts, Throwable failure, Verdict verdict) {
		if (verdict != null) {
			if (verdict.isIgnored()) {
				return new Stop(Ending.ABORTED, "ignored (classifier.ignore)");
			}
			if (verdict.isPermanent()) {
				return new Stop(Ending.ABORTED, "not retryable");
			}
			if (failure instanceof TimeoutExceededException timeout && timeout.isTotal()) {
				return new Stop(Ending.EXHAUSTED,
						"timeout.total (" + Saturated.millis(timeout.getLimit()) + "ms) passed");
			}
			pauseThePolicy(verdict);
			if (!this.idempotent && !Idempotency.failedBeforeSending(failure)) {
				return new Stop(Ending.ABORTED, "not idempotent, and the request may have reached the other side");
			}
		}
		if (Thread.currentThread().isInterrupted()) {
			return new Stop(Ending.ABORTED, "interrupted");
		}
		if (failedAttempts >= this.retry.maxAttempts()) {
			return new Stop(Ending.EXHAUSTED, "max-attempts (" + this.retry.maxAttempts() + ") reached");
		}
		Duration retryAfter = (verdict != null) ? verdict.retryAfter() : null;
		if (retryAfter != null && retryAfter.compareTo(this.retry.maxRetryAfter()) > 0) {
			return new Stop(Ending.EXHAUSTED, "the server asked to retry after " + Saturated.millis(retryAfter)
					+ "ms, more than max-retry-after " + Saturated.millis(this.retry.maxRetryAfter()) + "ms");
		}
		this.waits = Saturated.increment(this.waits);
		boolean custom = this.retry.customBackOff() != null;
		long leastMillis = Math.max(knownMillis(retryAfter), heldMillis());
		long waitMillis = custom ? leastMillis : Math.max(backoffMillis(), leastMillis);
		if (endsPastMaxElapsed(waitMillis)) {
			return new Stop(Ending.EXHAUSTED,
					"the next wait would end past max-elapsed-time " + Saturated.millis(this.retry.maxElapsedTime())
							+ "ms");
		}
		if (endsPastTotal(waitMillis)) {
			return new Stop(Ending.EXHAUSTED,
					"the next wait would end past timeout.total " + Saturated.millis(this.totalLimit) + "ms");
		}
		if (!budgetAllowsRetry()) {
			return new Stop(Ending.EXHAUSTED, BUDGET_SPENT);
		}
		return new Wait(Duration.ofMillis(waitMillis), custom);
	}

	/**
	 * A 429 or 503 with an acceptable Retry-After pauses the whole policy (scope {@code policy}),
	 * until the time it names, with this call as the pause's owner: it goes first when the pause
	 * ends. Set whether or not this call retries: the server asked every caller to hold off.
	 */
	private void pauseThePolicy(Verdict verdict) {
		Duration retryAfter = verdict.retryAfter();
		if (this.pause == null || !verdict.pausesServer() || retryAfter == null
				|| this.retry.retryAfterScope() != RetryAfterScope.POLICY
				|| retryAfter.compareTo(this.retry.maxRetryAfter()) > 0) {
			return;
		}
		this.pause.pause(this, this.nanoClock.getAsLong(), Saturated.nanos(retryAfter));
	}

	/** How long another call's server pause still holds this call's retries back, in milliseconds. */
	private long heldMillis() {
		if (this.pause == null) {
			return 0;
		}
		long nanos = this.pause.holdFor(this, this.nanoClock.getAsLong());
		return (nanos <= 0) ? 0 : (nanos + 999_999) / 1_000_000L;
	}

	/** Takes one retry from the policy's budget where it is on: a spent budget ends the call. */
	private boolean budgetAllowsRetry() {
		BudgetSettings settings = this.retry.budget();
		return this.budget == null || !settings.enabled() || this.budget.tryRetry(settings);
	}

	/**
	 * Waits on this thread as {@code wait} says (through the user's {@code BackOffPolicy} where one
	 * is configured, then the rest of a longer Retry-After), records the wait, and decides.
	 * @return {@link RetryDecision.Retry#NOW}, or {@link Stop} when the wait was cut short
	 */
	public RetryDecision await(Wait wait) {
		RetryDecision decision = awaitOnce(wait);
		while (decision instanceof Wait more) {
			decision = awaitOnce(more);
		}
		return decision;
	}

	private RetryDecision awaitOnce(Wait wait) {
		long before = this.nanoClock.getAsLong();
		WaitResult result;
		if (wait.custom()) {
			if (this.customBackOff == null) {
				this.customBackOff = this.waiter.start(this.retry.customBackOff());
			}
			result = this.customBackOff.backOff();
			long leastMillis = wait.duration().toMillis();
			if (result == WaitResult.SLEPT && leastMillis > 0) {
				long sleptMillis = (this.nanoClock.getAsLong() - before) / 1_000_000L;
				result = this.waiter.sleep(leastMillis - sleptMillis);
			}
		}
		else {
			result = this.waiter.sleep(wait.duration().toMillis());
		}
		return resumeAfter(result, this.nanoClock.getAsLong() - before);
	}

	/**
	 * Decides after a wait that ended as {@code result}, however it was waited (on this thread, or
	 * scheduled by an asynchronous call), and records it on the backoff meter.
	 * @return {@link RetryDecision.Retry#NOW}; {@link Stop}; or {@link Wait} (never custom) when a
	 * server's pause of the policy began during the wait and holds this retry back longer: wait
	 * that too, then call this again (at most max-attempts such waits per call)
	 */
	public RetryDecision resumeAfter(WaitResult result, long waitedNanos) {
		this.backoffMeter.accept(waitedNanos);
		if (result == WaitResult.CLOSED) {
			return new Stop(Ending.ABORTED, "the application is shutting down");
		}
		if (result == WaitResult.INTERRUPTED) {
			return new Stop(Ending.ABORTED, "interrupted while waiting");
		}
		if (this.retry.customBackOff() != null && endsPastMaxElapsed(0)) {
			return new Stop(Ending.EXHAUSTED,
					"the custom backoff's wait ended past max-elapsed-time "
							+ Saturated.millis(this.retry.maxElapsedTime()) + "ms");
		}
		if (this.retry.customBackOff() != null && endsPastTotal(0)) {
			return new Stop(Ending.EXHAUSTED,
					"the custom backoff's wait ended past timeout.total " + Saturated.millis(this.totalLimit) + "ms");
		}
		return afterServerPause();
	}

	/**
	 * A server's pause of the policy that began during this call's wait holds its retry until
	 * the pause's end; at most max-attempts such extra waits per call.
	 */
	private RetryDecision afterServerPause() {
		long heldMillis = heldMillis();
		if (heldMillis <= 0 || this.pauseWaits >= this.retry.maxAttempts()) {
			return RetryDecision.Retry.NOW;
		}
		this.pauseWaits++;
		if (endsPastMaxElapsed(heldMillis) || endsPastTotal(heldMillis)) {
			return new Stop(Ending.EXHAUSTED, "the server's pause of the policy would end past the call's time limit");
		}
		return new Wait(Duration.ofMillis(heldMillis), false);
	}

	/** The built-in backoff's wait n, jittered. */
	private long backoffMillis() {
		double delay = BackoffMath.delayMillis(this.retry.backoff(), this.waits, this.waiter.draw());
		return (delay >= Saturated.MAX_MILLIS) ? Saturated.MAX_MILLIS : Math.round(delay);
	}

	private boolean endsPastMaxElapsed(long waitMillis) {
		return endsPast(this.retry.maxElapsedTime(), waitMillis);
	}

	/** Whether a wait would end past the call's total time limit: it is then not started. */
	private boolean endsPastTotal(long waitMillis) {
		return endsPast(this.totalLimit, waitMillis);
	}

	private boolean endsPast(Duration limit, long waitMillis) {
		if (limit == null) {
			return false;
		}
		long elapsed = this.nanoClock.getAsLong() - this.start;
		long endOfWait = Saturated.add(elapsed, Saturated.multiply(waitMillis, 1_000_000L));
		return endOfWait > Saturated.nanos(limit);
	}

	private static long knownMillis(Duration duration) {
		return (duration != null) ? Saturated.millis(duration) : 0;
	}

}
