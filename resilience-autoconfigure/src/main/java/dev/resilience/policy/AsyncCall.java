package dev.resilience.policy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.resilience.TimeoutExceededException;
import dev.resilience.classify.Verdict;
import dev.resilience.limit.Bulkhead;
import dev.resilience.limit.TimeoutSettings;
import dev.resilience.retry.RetryDecision;
import dev.resilience.retry.RetryPlan;
import dev.resilience.retry.WaitScheduler;

/**
 * The state of one asynchronous call, whichever type carries it (a future, a {@code Mono}, a
 * {@code Flux}): which attempt runs, the breaker permit it holds, the call's {@link RetryPlan},
 * the scheduled wait, the caller's MDC. Its drivers ({@link FutureCall}, the Reactor one) start
 * attempts and report how they ended; this class records, asks the plan and schedules.
 * <p>
 * Steps come one after another but on different threads (the caller's, the one that completed an
 * attempt, a scheduler thread), and a cancellation may come at any time: the phase moves by
 * compare-and-set, so a call ends, and is recorded, exactly once, and a breaker permit is returned
 * exactly once.
 */
final class AsyncCall {

	private static final Logger logger = LoggerFactory.getLogger("dev.resilience.retry");

	/** An attempt runs and holds a breaker permit. */
	private static final int ATTEMPT = 0;

	/** Between attempts: deciding, or waiting; no permit held. */
	private static final int BETWEEN = 1;

	private static final int ENDED = 2;

	private static final AtomicIntegerFieldUpdater<AsyncCall> PHASE = AtomicIntegerFieldUpdater
		.newUpdater(AsyncCall.class, "phase");

	static final RetryDecision.Stop ALREADY_EMITTED = new RetryDecision.Stop(RetryDecision.Ending.ABORTED,
			"the stream had already emitted");

	private final AsyncPolicyExecutor executor;

	private final Policy policy;

	private final PolicySettings settings;

	private final boolean idempotent;

	private final long start;

	private final Map<String, String> mdc;

	private final CallTrace trace;

	private volatile int phase;

	/** The number of the latest attempt started, 0 before the first. */
	private int attempt;

	private long attemptStart;

	private RetryPlan plan;

	private final EarlierFailures earlier = new EarlierFailures();

	private Throwable last;

	private Verdict verdict;

	private volatile WaitScheduler.Pending pending;

	/** The wait before the next attempt, for its trace. */
	private String lastWait;

	/** Its bulkhead place or its refusal before the first attempt; {@code null} for neither. */
	private Admission admission;

	/**
	 * @param permitHeld whether the first attempt already holds a breaker permit
	 * @param mdc the caller's MDC, or {@code null}
	 */
	AsyncCall(AsyncPolicyExecutor executor, Policy policy, PolicySettings settings, boolean idempotent, long start,
			boolean permitHeld, Map<String, String> mdc, CallTrace trace) {
		this.trace = trace;
		this.executor = executor;
		this.policy = policy;
		this.settings = settings;
		this.idempotent = idempotent;
		this.start = start;
		this.attemptStart = start;
		this.mdc = mdc;
		this.phase = permitHeld ? ATTEMPT : BETWEEN;
		this.attempt = permitHeld ? 1 : 0;
	}

	/** How a failed call ends: the failure the caller gets, unless a fallback replaces it. */
	record Ending(Throwable failure, CallOutcome outcome, boolean recoverable) {
	}

	/** What a request for the next attempt's permit found. */
	enum Permit {

		GRANTED, REJECTED, ENDED

	}

	boolean ended() {
		return this.phase == ENDED;
	}

	/** The number of the latest attempt started, 0 before the first. */
	int attempt() {
		return this.attempt;
	}

	/**
	 * Takes a place of the policy's bulkhead (waiting up to {@code bulkhead.max-wait}), held until
	 * the call's outcome; without one, the call will be rejected before its first attempt.
	 */
	void takePlace(Bulkhead bulkhead) {
		this.admission = Admission.place(bulkhead);
	}

	/** The call is to be rejected before its first attempt with {@code rejection}. */
	void refuse(RuntimeException rejection, String event, String reason) {
		this.admission = Admission.refused(rejection, event, reason);
	}

	/** How long the running attempt may still run ({@link TimeoutSettings#attemptLimitNanos}). */
	long attemptLimitNanos() {
		return this.settings.timeout().attemptLimitNanos(this.executor.now() - this.start);
	}

	/** The failure of an attempt that ran out of its time limit now. */
	TimeoutExceededException timedOut() {
		TimeoutSettings timeout = this.settings.timeout();
		return timeout.exceeded(this.policy.name(), timeout.totalBounds(this.attemptStart - this.start));
	}

	/** The thread that invoked the work returns before the attempt ends: its trace stops being current there. */
	void detach() {
		this.trace.detach();
	}

	/** Asks the breaker for the next attempt; {@link Permit#ENDED} when the call was cancelled. */
	Permit acquire() {
		if (this.phase != BETWEEN) {
			return Permit.ENDED;
		}
		if (this.admission != null && this.admission.refused()) {
			return Permit.REJECTED;
		}
		if (this.attempt > 0) {
			this.trace.attemptStarted(this.attempt + 1, this.lastWait);
		}
		if (!this.policy.circuitBreaker().tryAcquirePermission()) {
			return Permit.REJECTED;
		}
		this.attemptStart = this.executor.now();
		if (!PHASE.compareAndSet(this, BETWEEN, ATTEMPT)) {
			this.policy.circuitBreaker().onIgnored();
			return Permit.ENDED;
		}
		this.attempt++;
		return Permit.GRANTED;
	}

	/** The bulkhead refused the call, or the breaker the attempt: the call ends {@code rejected}. */
	Ending reject() {
		if (!PHASE.compareAndSet(this, BETWEEN, ENDED)) {
			return null;
		}
		releasePlace();
		if (this.last != null) {
			this.earlier.remember(this.last);
		}
		long nanos = this.executor.now() - this.start;
		if (this.admission != null && this.admission.refused()) {
			return new Ending(this.admission.recordRefusal(this.policy, this.trace, this.earlier, nanos),
					CallOutcome.REJECTED, true);
		}
		return new Ending(CallRecords.rejected(this.policy, this.trace, this.attempt + 1, this.earlier, nanos),
				CallOutcome.REJECTED, true);
	}

	private void releasePlace() {
		if (this.admission != null) {
			this.admission.release();
		}
	}

	/**
	 * The running attempt succeeded.
	 * @return {@code false} when the call had already ended (cancelled): the result is dropped
	 */
	boolean succeeded() {
		if (!PHASE.compareAndSet(this, ATTEMPT, ENDED)) {
			return false;
		}
		releasePlace();
		long now = this.executor.now();
		CallRecords.succeeded(this.policy, this.trace, this.attempt, now - this.attemptStart, now - this.start);
		return true;
	}

	/**
	 * The running attempt failed: records it and asks the plan.
	 * @param emitted whether the stream had delivered an element (then it is not retried)
	 * @return a {@link RetryDecision.Wait} (schedule it with {@link #retryAfter}), a
	 * {@link RetryDecision.Stop} (end with {@link #end}), or {@code null} when the call had already
	 * ended (cancelled)
	 */
	RetryDecision failed(Throwable failure, boolean emitted) {
		if (!PHASE.compareAndSet(this, ATTEMPT, BETWEEN)) {
			return null;
		}
		if (this.last != null) {
			this.earlier.remember(this.last);
		}
		this.last = failure;
		// The completing thread is not the caller's: its interrupt flag says nothing about this call.
		this.verdict = CallRecords.failedAttempt(this.policy, this.trace, this.attempt, failure,
				this.executor.now() - this.attemptStart, false);
		if (emitted && !this.verdict.isIgnored()) {
			return ALREADY_EMITTED;
		}
		if (this.plan == null) {
			this.plan = this.executor.plan(this.settings, this.idempotent, this.start, this.policy);
		}
		return this.plan.afterFailure(this.attempt, failure, this.verdict);
	}

	/**
	 * Schedules the wait; {@code then} gets the plan's decision after it, on a scheduler thread,
	 * unless the call was cancelled meanwhile.
	 */
	void retryAfter(RetryDecision.Wait wait, Consumer<RetryDecision> then) {
		withMdc(() -> CallRecords.retrying(this.policy, this.settings, this.attempt, this.verdict, this.last, wait));
		this.lastWait = wait.describe();
		this.pending = this.executor.scheduler().schedule(this.plan, wait, (decision) -> {
			if (this.phase == BETWEEN) {
				then.accept(decision);
			}
		});
		if (this.phase == ENDED) {
			this.pending.drop();
		}
	}

	/** The plan stopped the call; {@code null} when it had already ended (cancelled). */
	Ending end(RetryDecision.Stop stop) {
		if (!PHASE.compareAndSet(this, BETWEEN, ENDED)) {
			return null;
		}
		releasePlace();
		CallOutcome[] outcome = new CallOutcome[1];
		withMdc(() -> outcome[0] = CallRecords.ended(this.executor.warnings(), this.policy, this.trace, stop,
				this.attempt,
				this.executor.now() - this.start, this.last, this.verdict, this.earlier));
		return new Ending(this.last, outcome[0], !this.verdict.isIgnored());
	}

	/** A fallback replaces the failure. */
	void fallingBack(Ending ending) {
		this.policy.metrics().fallback(ending.outcome());
	}

	/**
	 * The caller cancelled the call (or completed its future itself): a pending wait is dropped; a
	 * running attempt's permit is returned, unless {@code served} says the attempt had already
	 * delivered what the caller wanted (a stream cancelled after elements: a success).
	 * @return whether this ended the call
	 */
	boolean cancel(boolean served) {
		int now = this.phase;
		if (now == ENDED || !PHASE.compareAndSet(this, now, ENDED)) {
			return false;
		}
		releasePlace();
		WaitScheduler.Pending wait = this.pending;
		if (wait != null) {
			wait.drop();
		}
		long nanos = this.executor.now() - this.start;
		if (now == ATTEMPT && served) {
			CallRecords.succeeded(this.policy, this.trace, this.attempt, this.executor.now() - this.attemptStart,
					nanos);
			return true;
		}
		if (now == ATTEMPT) {
			this.policy.circuitBreaker().onIgnored();
		}
		CallRecords.cancelled(this.policy, this.trace, this.attempt, nanos);
		if (logger.isDebugEnabled()) {
			withMdc(() -> logger.debug("Policy '{}': call cancelled by the caller during attempt {}", this.policy.name(),
					this.attempt));
		}
		return true;
	}

	/** Runs {@code task} with the caller's MDC in place. */
	void withMdc(Runnable task) {
		CallerMdc.run(this.mdc, task);
	}

	Policy policy() {
		return this.policy;
	}

	WaitScheduler scheduler() {
		return this.executor.scheduler();
	}

}
