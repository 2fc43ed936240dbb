package dev.resilience.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.resilience.CircuitOpenException;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.classify.Verdict;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.retry.RetryDecision;

/**
 * What a call records after its first failure, the same for blocking and asynchronous calls:
 * a failed attempt on the breaker and the meters, a success after retries, a rejection, the end.
 */
final class CallRecords {

	private static final Logger logger = LoggerFactory.getLogger("dev.resilience.retry");

	private CallRecords() {
	}

	/** The DEBUG line of each retry. */
	static void retrying(Policy policy, PolicySettings settings, int attempt, Verdict verdict, RetryDecision.Wait wait) {
		if (logger.isDebugEnabled()) {
			logger.debug("Policy '{}': attempt {}/{} failed ({}: {}); retrying in {}", policy.name(), attempt,
					settings.retry().maxAttempts(), FailedCall.label(verdict), verdict.reason(), wait.describe());
		}
	}

	/** Classifies a failed attempt and records it on the breaker and the attempt meter. */
	static Verdict failedAttempt(Policy policy, int attempt, Throwable failure, long nanos) {
		Verdict verdict = policy.classifier().classify(failure);
		CircuitBreaker breaker = policy.circuitBreaker();
		if (verdict.isTransient()) {
			breaker.onFailure(nanos);
		}
		else if (verdict.isPermanent()) {
			breaker.onSuccess(nanos);
		}
		else {
			breaker.onIgnored();
		}
		policy.metrics().attempt(attempt,
				verdict.isTransient() ? AttemptOutcome.TRANSIENT_FAILURE : AttemptOutcome.PERMANENT_FAILURE, failure,
				nanos);
		return verdict;
	}

	/** An attempt succeeded: the first ({@code success}) or a retry ({@code recovered}). */
	static void succeeded(Policy policy, int attempt, long attemptNanos, long callNanos) {
		policy.circuitBreaker().onSuccess(attemptNanos);
		if (attempt == 1) {
			policy.counts().increment(CallOutcome.SUCCESS);
			policy.metrics().firstAttemptSucceeded(attemptNanos);
			return;
		}
		policy.metrics().attempt(attempt, AttemptOutcome.SUCCESS, null, attemptNanos);
		policy.counts().increment(CallOutcome.RECOVERED);
		policy.metrics().call(CallOutcome.RECOVERED, callNanos);
	}

	/** The breaker refused attempt {@code attempt}: the call ends {@code rejected} with the returned failure. */
	static CircuitOpenException rejected(Policy policy, int attempt, EarlierFailures earlier, long callNanos) {
		CircuitOpenException rejection = PolicyExecutor.rejection(policy);
		policy.metrics().attempt(attempt, AttemptOutcome.REJECTED, rejection, 0);
		earlier.attachTo(rejection);
		policy.counts().increment(CallOutcome.REJECTED);
		policy.metrics().call(CallOutcome.REJECTED, callNanos);
		return rejection;
	}

	/**
	 * The plan stopped the call: counts and meters it, attaches the earlier failures to
	 * {@code last} and writes the final WARN (not for an ignored failure: a business outcome).
	 * @return how the call ended
	 */
	static CallOutcome ended(RepeatLimitedLog warnings, Policy policy, RetryDecision.Stop stop, int attempts,
			long callNanos, Throwable last, Verdict verdict, EarlierFailures earlier) {
		CallOutcome outcome = stop.exhausted() ? CallOutcome.EXHAUSTED : CallOutcome.ABORTED;
		policy.counts().increment(outcome);
		policy.metrics().call(outcome, callNanos);
		earlier.attachTo(last);
		if (!verdict.isIgnored()) {
			FinalFailureLog.warn(warnings, policy, outcome, attempts, callNanos, last, verdict, stop.reason());
		}
		return outcome;
	}

}
