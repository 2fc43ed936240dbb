package dev.resilience.policy;

import java.util.Locale;

import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.classify.Interruptions;
import dev.resilience.classify.Verdict;
import dev.resilience.retry.RetryDecision;
import dev.resilience.retry.RetryPlan;

/**
 * One call from its first failure on: classifies each failure, records it, asks the call's
 * {@link RetryPlan} whether to stop or how long to wait, retries through the breaker, and ends
 * the call with the last failure itself or the fallback's result. The plan bounds every loop:
 * each iteration waits or ends the call. Not thread-safe: one per failed call.
 */
final class FailedCall<W> {

	private final PolicyExecutor executor;

	private final Policy policy;

	private final PolicySettings settings;

	private final W work;

	private final AttemptRunner<W> runner;

	private final boolean idempotent;

	private final Recovery<W> recovery;

	private final long start;

	private final CallTrace trace;

	private final EarlierFailures earlier = new EarlierFailures();

	FailedCall(PolicyExecutor executor, Policy policy, PolicySettings settings, W work, AttemptRunner<W> runner,
			boolean idempotent, Recovery<W> recovery, long start, CallTrace trace) {
		this.executor = executor;
		this.policy = policy;
		this.settings = settings;
		this.work = work;
		this.runner = runner;
		this.idempotent = idempotent;
		this.recovery = recovery;
		this.start = start;
		this.trace = trace;
	}

	Object afterFirstFailure(Throwable failure) throws Throwable {
		RetryPlan plan = new RetryPlan(this.settings.retry(), this.idempotent, this.executor.waiter(),
				this.executor::now, this.start, this.policy.metrics()::backoff, this.settings.timeout().total(),
				this.policy.retryBudget(), this.policy.pause());
		long attemptStart = this.start;
		Throwable last = failure;
		for (int attempt = 1;; attempt++) {
			Verdict verdict = recordFailedAttempt(attempt, last, this.executor.now() - attemptStart);
			RetryDecision decision = plan.afterFailure(attempt, last, verdict);
			if (decision instanceof RetryDecision.Stop stop) {
				return end(stop, attempt, last, verdict);
			}
			RetryDecision.Wait wait = (RetryDecision.Wait) decision;
			CallerTransaction.warnOnceIfRetryingInside(this.policy);
			CallRecords.retrying(this.policy, this.settings, attempt, verdict, last, wait);
			if (plan.await(wait) instanceof RetryDecision.Stop stop) {
				return end(stop, attempt, last, verdict);
			}
			this.earlier.remember(last);
			this.trace.attemptStarted(attempt + 1, wait.describe());
			CircuitBreaker breaker = this.policy.circuitBreaker();
			if (!breaker.tryAcquirePermission()) {
				return rejected(attempt + 1);
			}
			attemptStart = this.executor.now();
			try {
				Object result = this.runner.retry(this.work);
				long end = this.executor.now();
				CallRecords.succeeded(this.policy, this.trace, attempt + 1, end - attemptStart, end - this.start);
				return result;
			}
			catch (Throwable next) {
				last = next;
			}
		}
	}

	/**
	 * Classifies the failure (never throws) and reports the attempt to the breaker exactly once:
	 * an attempt ended by an interrupt, or an ignored outcome, is not recorded and its permit
	 * (half-open) is returned; the interrupt flag is set again for the plan and the caller.
	 */
	private Verdict recordFailedAttempt(int attempt, Throwable failure, long nanos) {
		boolean interrupted = Interruptions.restoreFlag(failure);
		return CallRecords.failedAttempt(this.policy, this.trace, attempt, failure, nanos, interrupted);
	}

	private Object rejected(int attempt) throws Throwable {
		return rejected(attempt, PolicyExecutor.rejection(this.policy), RecentEvents.CIRCUIT_OPEN,
				"the circuit is open");
	}

	private Object rejected(int attempt, RuntimeException rejection, String event, String reason) throws Throwable {
		CallRecords.rejected(this.policy, this.trace, attempt, this.earlier, this.executor.now() - this.start,
				rejection, event, reason);
		return fallbackOrThrow(this.policy, this.recovery, this.work, CallOutcome.REJECTED, rejection);
	}

	private Object end(RetryDecision.Stop stop, int attempts, Throwable last, Verdict verdict) throws Throwable {
		CallOutcome outcome = CallRecords.ended(this.executor.warnings(), this.policy, this.trace, stop, attempts,
				this.executor.now() - this.start, last, verdict, this.earlier);
		if (verdict.isIgnored()) {
			throw last;
		}
		return fallbackOrThrow(this.policy, this.recovery, this.work, outcome, last);
	}

	/** Only a fallback that takes the failure runs, and only one that runs is counted. */
	static <W> Object fallbackOrThrow(Policy policy, Recovery<W> recovery, W work, CallOutcome outcome,
			Throwable failure) throws Throwable {
		if (recovery == null || !recovery.accepts(failure)) {
			throw failure;
		}
		policy.metrics().fallback(outcome);
		return recovery.recover(work, failure);
	}

	static String label(Verdict verdict) {
		return verdict.classification().name().toLowerCase(Locale.ROOT);
	}

}
