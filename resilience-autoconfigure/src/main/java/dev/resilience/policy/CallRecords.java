package dev.resilience.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.resilience.CircuitOpenException;
import dev.resilience.TimeoutExceededException;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.classify.SafeDescription;
import dev.resilience.classify.Verdict;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.retry.RetryDecision;
import dev.resilience.retry.RetryPlan;

/**
 * What a call records after its first failure, the same for blocking and asynchronous calls: a
 * failed attempt, a retry, a success after retries, a rejection, the end; on the breaker, the
 * meters, the trace, the recent events and the log.
 */
final class CallRecords {

	private static final Logger logger = LoggerFactory.getLogger("dev.resilience.retry");

	private CallRecords() {
	}

	/**
	 * Classifies a failed attempt and records it on the breaker (exactly once), the meters and the
	 * trace.
	 * @param interrupted whether an interrupt ended the attempt: the breaker then does not record it
	 */
	static Verdict failedAttempt(Policy policy, CallTrace trace, int attempt, Throwable failure, long nanos,
			boolean interrupted) {
		Verdict verdict = policy.classifier().classify(failure);
		policy.events().attemptFailed(attempt, verdict, failure);
		CircuitBreaker breaker = policy.circuitBreaker();
		if (interrupted) {
			breaker.onIgnored();
		}
		else if (verdict.isTransient()) {
			// An attempt cut off by its time limit ran at least that long: it counts as slow too.
			breaker.onFailure((failure instanceof TimeoutExceededException) ? Long.MAX_VALUE : nanos);
		}
		else if (verdict.isPermanent()) {
			breaker.onSuccess(nanos);
		}
		else {
			breaker.onIgnored();
		}
		AttemptOutcome outcome = verdict.isTransient() ? AttemptOutcome.TRANSIENT_FAILURE
				: AttemptOutcome.PERMANENT_FAILURE;
		policy.metrics().attempt(attempt, outcome, failure, nanos);
		trace.attemptEnded(outcome, failure);
		return verdict;
	}

	/** A retry is scheduled: the recent event and the DEBUG line. */
	static void retrying(Policy policy, PolicySettings settings, int attempt, Verdict verdict, Throwable failure,
			RetryDecision.Wait wait) {
		policy.events().retryScheduled(attempt + 1, wait.describe());
		if (logger.isDebugEnabled()) {
			logger.debug("Policy '{}': attempt {}/{} failed ({}: {}) with {}; retrying in {}", policy.name(), attempt,
					settings.retry().maxAttempts(), FailedCall.label(verdict), verdict.reason(),
					SafeDescription.of(failure), wait.describe());
		}
	}

	/** An attempt succeeded: the first ({@code success}) or a retry ({@code recovered}). */
	static void succeeded(Policy policy, CallTrace trace, int attempt, long attemptNanos, long callNanos) {
		policy.circuitBreaker().onSuccess(attemptNanos);
		if (attempt == 1) {
			policy.counts().increment(CallOutcome.SUCCESS);
			policy.metrics().firstAttemptSucceeded(attemptNanos);
			trace.firstAttemptSucceeded();
			return;
		}
		policy.metrics().attempt(attempt, AttemptOutcome.SUCCESS, null, attemptNanos);
		trace.attemptEnded(AttemptOutcome.SUCCESS, null);
		policy.counts().increment(CallOutcome.RECOVERED);
		policy.metrics().call(CallOutcome.RECOVERED, callNanos);
		trace.callEnded(CallOutcome.RECOVERED);
		policy.events().callEnded(CallOutcome.RECOVERED, attempt, "attempt " + attempt + " succeeded");
	}

	/** The breaker refused attempt {@code attempt}: the call ends {@code rejected} with the returned failure. */
	static CircuitOpenException rejected(Policy policy, CallTrace trace, int attempt, EarlierFailures earlier,
			long callNanos) {
		CircuitOpenException rejection = PolicyExecutor.rejection(policy);
		rejected(policy, trace, attempt, earlier, callNanos, rejection, RecentEvents.CIRCUIT_OPEN,
				"the circuit is open");
		return rejection;
	}

	/**
	 * Attempt {@code attempt} was refused ({@code rejection}): the call ends {@code rejected}. A call
	 * refused before its first attempt is told by its {@code rejected} event alone.
	 * @param earlier the failures of the call's earlier attempts, or {@code null} when it had none
	 */
	static void rejected(Policy policy, CallTrace trace, int attempt, EarlierFailures earlier, long callNanos,
			RuntimeException rejection, String event, String reason) {
		policy.metrics().rejected(attempt, rejection, callNanos);
		trace.attemptEnded(AttemptOutcome.REJECTED, rejection);
		policy.events().rejected(event);
		if (earlier != null) {
			earlier.attachTo(rejection);
		}
		policy.counts().increment(CallOutcome.REJECTED);
		trace.callEnded(CallOutcome.REJECTED);
		if (attempt > 1) {
			policy.events().callEnded(CallOutcome.REJECTED, attempt, reason);
		}
	}

	/**
	 * The plan stopped the call: counts and meters it, attaches the earlier failures to
	 * {@code last} and writes the final WARN (not for an ignored failure: a business outcome).
	 * @return how the call ended
	 */
	static CallOutcome ended(RepeatLimitedLog warnings, Policy policy, CallTrace trace, RetryDecision.Stop stop,
			int attempts, long callNanos, Throwable last, Verdict verdict, EarlierFailures earlier) {
		CallOutcome outcome = stop.exhausted() ? CallOutcome.EXHAUSTED : CallOutcome.ABORTED;
		policy.counts().increment(outcome);
		policy.metrics().call(outcome, callNanos);
		trace.callEnded(outcome);
		if (RetryPlan.BUDGET_SPENT.equals(stop.reason())) {
			policy.events().budgetRefused(attempts + 1);
		}
		policy.events().callEnded(outcome, attempts, stop.reason());
		earlier.attachTo(last);
		if (!verdict.isIgnored()) {
			FinalFailureLog.warn(warnings, policy, outcome, attempts, callNanos, last, verdict, stop.reason());
		}
		return outcome;
	}

	/** The caller cancelled the call: it ends {@code aborted}, without a WARN (nothing failed). */
	static void cancelled(Policy policy, CallTrace trace, int attempts, long callNanos) {
		policy.counts().increment(CallOutcome.ABORTED);
		policy.metrics().call(CallOutcome.ABORTED, callNanos);
		trace.callEnded(CallOutcome.ABORTED);
		policy.events().callEnded(CallOutcome.ABORTED, attempts, "cancelled by the caller");
	}

}
