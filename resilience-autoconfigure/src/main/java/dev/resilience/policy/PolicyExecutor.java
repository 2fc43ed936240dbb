package dev.resilience.policy;

import java.util.function.LongSupplier;

import dev.resilience.CircuitOpenException;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.retry.Waiter;

/**
 * Runs work under a policy: retry outermost, every attempt through the circuit breaker,
 * classification, meters, fallback. The first attempt runs here with nothing allocated and
 * nothing looked up; only a failure builds the per-call state of {@link FailedCall}.
 * Thread-safe; one per application.
 */
public final class PolicyExecutor {

	private final Waiter waiter;

	private final LongSupplier nanoClock;

	private final RepeatLimitedLog warnings;

	/**
	 * @param waiter every backoff wait goes through it
	 * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} outside tests)
	 * @param warnings de-duplicated WARN log of finally failed calls
	 */
	public PolicyExecutor(Waiter waiter, LongSupplier nanoClock, RepeatLimitedLog warnings) {
		this.waiter = waiter;
		this.nanoClock = nanoClock;
		this.warnings = warnings;
	}

	Waiter waiter() {
		return this.waiter;
	}

	long now() {
		return this.nanoClock.getAsLong();
	}

	RepeatLimitedLog warnings() {
		return this.warnings;
	}

	/**
	 * Runs {@code work} under {@code policy}.
	 * @param idempotent {@code false}: only failures before the request was sent are retried
	 * @param recovery the fallback, or {@code null}
	 * @return the work's result, or the fallback's
	 * @throws Throwable the last failure itself (earlier ones suppressed), or the fallback's
	 */
	public <W> Object execute(Policy policy, W work, AttemptRunner<W> runner, boolean idempotent,
			Recovery<W> recovery) throws Throwable {
		PolicySettings settings = policy.settings();
		if (!settings.enabled()) {
			return passThrough(policy, work, runner);
		}
		CircuitBreaker breaker = policy.circuitBreaker();
		// The clock is read at the start only when something needs the call's duration; otherwise a
		// failed call is timed from its first failure.
		boolean timed = policy.timesAttempts() || settings.retry().maxElapsedTime() != null;
		long start = timed ? this.nanoClock.getAsLong() : 0L;
		if (!breaker.tryAcquirePermission()) {
			return new FailedCall<>(this, policy, settings, work, runner, idempotent, recovery,
					timed ? start : this.nanoClock.getAsLong())
				.rejectedAtOnce();
		}
		Object result;
		try {
			result = runner.first(work);
		}
		catch (Throwable failure) {
			return new FailedCall<>(this, policy, settings, work, runner, idempotent, recovery,
					timed ? start : this.nanoClock.getAsLong())
				.afterFirstFailure(failure);
		}
		long nanos = policy.timesAttempts() ? this.nanoClock.getAsLong() - start : 0L;
		breaker.onSuccess(nanos);
		policy.counts().increment(CallOutcome.SUCCESS);
		policy.metrics().firstAttemptSucceeded(nanos);
		return result;
	}

	/** A disabled policy: no retry, no breaker, but calls are still counted. */
	private <W> Object passThrough(Policy policy, W work, AttemptRunner<W> runner) throws Throwable {
		long start = this.nanoClock.getAsLong();
		try {
			Object result = runner.first(work);
			long nanos = this.nanoClock.getAsLong() - start;
			policy.counts().increment(CallOutcome.SUCCESS);
			policy.metrics().firstAttemptSucceeded(nanos);
			return result;
		}
		catch (Throwable failure) {
			long nanos = this.nanoClock.getAsLong() - start;
			boolean permanent = policy.classifier().classify(failure).isPermanent();
			policy.metrics().attempt(1,
					permanent ? AttemptOutcome.PERMANENT_FAILURE : AttemptOutcome.TRANSIENT_FAILURE, failure, nanos);
			policy.counts().increment(CallOutcome.ABORTED);
			policy.metrics().call(CallOutcome.ABORTED, nanos);
			throw failure;
		}
	}

	static CircuitOpenException rejection(Policy policy) {
		return new CircuitOpenException(policy.name(), policy.circuitBreaker().retryAt());
	}

}
