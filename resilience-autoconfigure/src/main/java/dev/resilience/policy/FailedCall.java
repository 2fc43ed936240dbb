package dev.resilience.policy;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.resilience.CircuitOpenException;
import dev.resilience.Classification;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.classify.Idempotency;
import dev.resilience.classify.SafeDescription;
import dev.resilience.classify.Verdict;
import dev.resilience.retry.BackoffMath;
import dev.resilience.retry.RetrySettings;
import dev.resilience.retry.WaitResult;
import dev.resilience.retry.Waiter;

/**
 * One call from its first failure on: classifies each failure, waits the backoff, retries
 * through the breaker, and ends the call with the last failure itself or the fallback's result.
 * Every loop iteration either waits or ends the call, and attempts are bounded by max-attempts.
 * Not thread-safe: one per failed call.
 */
final class FailedCall<W> {

	private static final Logger logger = LoggerFactory.getLogger("dev.resilience.retry");

	private final PolicyExecutor executor;

	private final Policy policy;

	private final RetrySettings retry;

	private final W work;

	private final AttemptRunner<W> runner;

	private final boolean idempotent;

	private final Recovery<W> recovery;

	private final long start;

	private final EarlierFailures earlier = new EarlierFailures();

	private Waiter.CustomBackOff customBackOff;

	FailedCall(PolicyExecutor executor, Policy policy, PolicySettings settings, W work, AttemptRunner<W> runner,
			boolean idempotent, Recovery<W> recovery, long start) {
		this.executor = executor;
		this.policy = policy;
		this.retry = settings.retry();
		this.work = work;
		this.runner = runner;
		this.idempotent = idempotent;
		this.recovery = recovery;
		this.start = start;
	}

	/** The circuit was open before the first attempt. */
	Object rejectedAtOnce() throws Throwable {
		return rejected(1);
	}

	Object afterFirstFailure(Throwable failure) throws Throwable {
		long attemptStart = this.start;
		Throwable last = failure;
		for (int attempt = 1;; attempt++) {
			long now = this.executor.now();
			Verdict verdict = recordFailedAttempt(attempt, last, now - attemptStart);
			String stop = reasonToStop(attempt, verdict, last);
			if (stop != null) {
				return end(retryable(verdict, last) ? CallOutcome.EXHAUSTED : CallOutcome.ABORTED, attempt, last,
						verdict, stop);
			}
			long waitMillis = plannedWait(attempt, verdict);
			String overBudget = overBudget(waitMillis, verdict, now);
			if (overBudget != null) {
				return end(CallOutcome.EXHAUSTED, attempt, last, verdict, overBudget);
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Policy '{}': attempt {}/{} failed ({}: {}) with {}; retrying in {}", this.policy.name(),
						attempt, this.retry.maxAttempts(), label(verdict), verdict.reason(), SafeDescription.of(last),
						(waitMillis >= 0) ? waitMillis + "ms" : "the custom backoff's wait");
			}
			WaitResult waited = await(waitMillis, verdict.retryAfter());
			if (waited != WaitResult.SLEPT) {
				return end(CallOutcome.ABORTED, attempt, last, verdict,
						(waited == WaitResult.CLOSED) ? "the application is shutting down" : "interrupted while waiting");
			}
			this.earlier.remember(last);
			CircuitBreaker breaker = this.policy.circuitBreaker();
			if (!breaker.tryAcquirePermission()) {
				return rejected(attempt + 1);
			}
			attemptStart = this.executor.now();
			try {
				Object result = this.runner.retry(this.work);
				long end = this.executor.now();
				breaker.onSuccess(end - attemptStart);
				this.policy.metrics().attempt(attempt + 1, AttemptOutcome.SUCCESS, null, end - attemptStart);
				this.policy.counts().increment(CallOutcome.RECOVERED);
				this.policy.metrics().call(CallOutcome.RECOVERED, end - this.start);
				return result;
			}
			catch (Throwable next) {
				last = next;
			}
		}
	}

	private Verdict recordFailedAttempt(int attempt, Throwable failure, long nanos) {
		if (failure instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		Verdict verdict = classify(failure);
		CircuitBreaker breaker = this.policy.circuitBreaker();
		if (verdict.isTransient()) {
			breaker.onFailure(nanos);
		}
		else if (verdict.isPermanent()) {
			breaker.onSuccess(nanos);
		}
		else {
			breaker.onIgnored();
		}
		this.policy.metrics().attempt(attempt,
				verdict.isTransient() ? AttemptOutcome.TRANSIENT_FAILURE : AttemptOutcome.PERMANENT_FAILURE, failure,
				nanos);
		return verdict;
	}

	/**
	 * Classifies a failure; a classifier bean that throws must not leave the breaker's permit
	 * taken, so its failure is logged and the attempt's failure counts as transient.
	 */
	private Verdict classify(Throwable failure) {
		try {
			return this.policy.classifier().classify(failure);
		}
		catch (RuntimeException ex) {
			logger.warn("Policy '{}': classifying {} failed; treating it as transient", this.policy.name(),
					failure.getClass().getName(), ex);
			return new Verdict(Classification.TRANSIENT, "classifier failed: " + SafeDescription.of(ex), null, false);
		}
	}

	/** Why the call must end after this failure without waiting, or {@code null} to retry. */
	private String reasonToStop(int attempt, Verdict verdict, Throwable failure) {
		if (!verdict.isTransient()) {
			return verdict.isIgnored() ? "ignored (classifier.ignore)" : "not retryable";
		}
		if (!this.idempotent && !Idempotency.failedBeforeSending(failure)) {
			return "not idempotent, and the request may have reached the other side";
		}
		if (attempt >= this.retry.maxAttempts()) {
			return "max-attempts (" + this.retry.maxAttempts() + ") reached";
		}
		if (Thread.currentThread().isInterrupted()) {
			return "interrupted";
		}
		return null;
	}

	/** A non-idempotent call that failed before sending was retryable too: it ran out, not aborted. */
	private boolean retryable(Verdict verdict, Throwable failure) {
		return verdict.isTransient() && (this.idempotent || Idempotency.failedBeforeSending(failure));
	}

	/** The planned wait in milliseconds; -1 when a custom backoff policy decides. */
	private long plannedWait(int attempt, Verdict verdict) {
		if (this.retry.customBackOff() != null) {
			return -1;
		}
		double millis = BackoffMath.delayMillis(this.retry.backoff(), attempt, this.executor.waiter().draw());
		long wait = Math.round(millis);
		Duration retryAfter = verdict.retryAfter();
		return (retryAfter != null) ? Math.max(wait, retryAfter.toMillis()) : wait;
	}

	/** Checks the time budget before sleeping; {@code null} when the wait fits. */
	private String overBudget(long waitMillis, Verdict verdict, long now) {
		Duration retryAfter = verdict.retryAfter();
		if (retryAfter != null && retryAfter.compareTo(this.retry.maxRetryAfter()) > 0) {
			return "the server asked to retry after " + retryAfter.toMillis() + "ms, more than max-retry-after "
					+ this.retry.maxRetryAfter().toMillis() + "ms";
		}
		Duration maxElapsed = this.retry.maxElapsedTime();
		if (maxElapsed != null) {
			long known = Math.max(waitMillis, (retryAfter != null) ? retryAfter.toMillis() : 0);
			long endOfWait = (now - this.start) + known * 1_000_000L;
			if (endOfWait > maxElapsed.toNanos()) {
				return "the next wait would end past max-elapsed-time " + maxElapsed.toMillis() + "ms";
			}
		}
		return null;
	}

	private WaitResult await(long waitMillis, Duration retryAfter) {
		long before = this.executor.now();
		WaitResult result;
		if (waitMillis >= 0) {
			result = this.executor.waiter().sleep(waitMillis);
		}
		else {
			if (this.customBackOff == null) {
				this.customBackOff = this.executor.waiter().start(this.retry.customBackOff());
			}
			result = this.customBackOff.backOff();
			if (result == WaitResult.SLEPT && retryAfter != null) {
				long slept = (this.executor.now() - before) / 1_000_000L;
				result = this.executor.waiter().sleep(retryAfter.toMillis() - slept);
			}
		}
		this.policy.metrics().backoff(this.executor.now() - before);
		return result;
	}

	private Object rejected(int attempt) throws Throwable {
		CircuitOpenException rejection = PolicyExecutor.rejection(this.policy);
		this.policy.metrics().attempt(attempt, AttemptOutcome.REJECTED, rejection, 0);
		this.earlier.attachTo(rejection);
		long nanos = this.executor.now() - this.start;
		this.policy.counts().increment(CallOutcome.REJECTED);
		this.policy.metrics().call(CallOutcome.REJECTED, nanos);
		return fallbackOrThrow(CallOutcome.REJECTED, rejection);
	}

	private Object end(CallOutcome outcome, int attempts, Throwable last, Verdict verdict, String why)
			throws Throwable {
		long nanos = this.executor.now() - this.start;
		this.policy.counts().increment(outcome);
		this.policy.metrics().call(outcome, nanos);
		this.earlier.attachTo(last);
		if (verdict.isIgnored()) {
			throw last;
		}
		FinalFailureLog.warn(this.executor.warnings(), this.policy, outcome, attempts, nanos, last, verdict, why);
		return fallbackOrThrow(outcome, last);
	}

	private Object fallbackOrThrow(CallOutcome outcome, Throwable failure) throws Throwable {
		if (this.recovery == null) {
			throw failure;
		}
		this.policy.metrics().fallback(outcome);
		return this.recovery.recover(this.work, failure);
	}

	static String label(Verdict verdict) {
		return verdict.classification().name().toLowerCase(Locale.ROOT);
	}

}
