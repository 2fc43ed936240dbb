package dev.resilience.policy;

import java.util.function.LongSupplier;

import dev.resilience.CircuitOpenException;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.classify.Interruptions;
import dev.resilience.limit.Bulkhead;
import dev.resilience.limit.LimitedCall;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.retry.Waiter;

/**
 * Runs work under a policy: the bulkhead and the call's time limit outermost, then retry, every
 * attempt through the circuit breaker and within the attempt's time limit, classification,
 * meters, fallback. A policy with neither bulkhead nor time limit costs one branch more. The
 * first attempt runs here with nothing allocated and nothing looked up; only a failure builds the
 * per-call state of {@link FailedCall}.
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
		if (policy.clientsBuilt()) {
			return marked(policy, settings, work, runner, idempotent, recovery);
		}
		return run(policy, settings, work, runner, idempotent, recovery);
	}

	/** A call of a policy that has HTTP clients: runs once inside a call of itself. */
	private <W> Object marked(Policy policy, PolicySettings settings, W work, AttemptRunner<W> runner,
			boolean idempotent, Recovery<W> recovery) throws Throwable {
		Policy outer = NestedCalls.current();
		if (outer == policy) {
			return NestedCalls.runOnce(policy, work, runner);
		}
		NestedCalls.enter(policy);
		try {
			return run(policy, settings, work, runner, idempotent, recovery);
		}
		finally {
			NestedCalls.exit(outer);
		}
	}

	private <W> Object run(Policy policy, PolicySettings settings, W work, AttemptRunner<W> runner,
			boolean idempotent, Recovery<W> recovery) throws Throwable {
		if (settings.limited()) {
			return limited(policy, settings, work, runner, idempotent, recovery);
		}
		return attempts(policy, settings, work, runner, idempotent, recovery);
	}

	/** The call inside its limits: the first attempt here, the rest in {@link FailedCall}. */
	private <W> Object attempts(Policy policy, PolicySettings settings, W work, AttemptRunner<W> runner,
			boolean idempotent, Recovery<W> recovery) throws Throwable {
		CircuitBreaker breaker = policy.circuitBreaker();
		// A server's pause (§15) is checked first, in the same branch as the breaker: one volatile read.
		if (policy.pause().holdsNewCall() || !breaker.tryAcquirePermission()) {
			return refusedAtOnce(policy, work, recovery);
		}
		PolicyMetrics metrics = policy.metrics();
		// The clock is read at the start only when something needs the call's duration; otherwise a
		// failed call is timed from its first failure.
		boolean timed = policy.timesAttempts() || settings.retry().maxElapsedTime() != null
				|| settings.timeout().total() != null;
		long start = timed ? this.nanoClock.getAsLong() : 0L;
		CallTrace trace = metrics.startCall();
		Object result;
		try {
			result = runner.first(work);
		}
		catch (Throwable failure) {
			return new FailedCall<>(this, policy, settings, work, runner, idempotent, recovery,
					timed ? start : this.nanoClock.getAsLong(), trace)
				.afterFirstFailure(failure);
		}
		long nanos = policy.timesAttempts() ? this.nanoClock.getAsLong() - start : 0L;
		breaker.onSuccess(nanos);
		policy.counts().increment(CallOutcome.SUCCESS);
		metrics.firstAttemptSucceeded(nanos);
		trace.firstAttemptSucceeded();
		return result;
	}

	/**
	 * A call of a policy with a bulkhead or a time limit: takes a place (or is rejected without
	 * running), then runs its attempts on attempt threads when it has a time limit. The place is
	 * given back when the call and every attempt it abandoned have ended.
	 */
	private <W> Object limited(Policy policy, PolicySettings settings, W work, AttemptRunner<W> runner,
			boolean idempotent, Recovery<W> recovery) throws Throwable {
		Bulkhead bulkhead = settings.bulkhead().bounded() ? policy.limits().bulkhead() : null;
		if (bulkhead != null && !bulkhead.tryAcquire()) {
			return refusedAtOnce(policy, work, recovery, bulkhead.full(), RecentEvents.BULKHEAD_FULL,
					"the bulkhead is full");
		}
		if (!settings.timeout().limited()) {
			try {
				return attempts(policy, settings, work, runner, idempotent, recovery);
			}
			finally {
				// null only when a run-time change bounded a policy made without a bulkhead
				if (bulkhead != null) {
					bulkhead.release();
				}
			}
		}
		LimitedCall call;
		try {
			call = policy.limits()
				.start(settings.timeout(), bulkhead != null, settings.retry().maxAttempts(), this.nanoClock,
						this.nanoClock.getAsLong());
		}
		catch (RuntimeException | Error ex) {
			if (bulkhead != null) {
				bulkhead.release();
			}
			throw ex;
		}
		try {
			return attempts(policy, settings, work, new TimeLimitedRunner<>(runner, call), idempotent, recovery);
		}
		finally {
			call.end();
		}
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
			Interruptions.restoreFlag(failure);
			boolean permanent = policy.classifier().classify(failure).isPermanent();
			policy.metrics().attempt(1,
					permanent ? AttemptOutcome.PERMANENT_FAILURE : AttemptOutcome.TRANSIENT_FAILURE, failure, nanos);
			policy.counts().increment(CallOutcome.ABORTED);
			policy.metrics().call(CallOutcome.ABORTED, nanos);
			throw failure;
		}
	}

	/** The circuit was open, or a server's pause held the policy, before the first attempt. */
	private static <W> Object refusedAtOnce(Policy policy, W work, Recovery<W> recovery) throws Throwable {
		if (policy.pause().pausedUntil() != null) {
			return refusedAtOnce(policy, work, recovery, pauseRejection(policy), RecentEvents.SERVER_PAUSE,
					"a server's Retry-After paused the policy");
		}
		return refusedAtOnce(policy, work, recovery, rejection(policy), RecentEvents.CIRCUIT_OPEN,
				"the circuit is open");
	}

	/**
	 * A call refused before its first attempt: the method is not called and nothing is timed (the
	 * call and its attempt are recorded with 0 ns); only the rejection is allocated.
	 */
	private static <W> Object refusedAtOnce(Policy policy, W work, Recovery<W> recovery, RuntimeException rejection,
			String event, String reason) throws Throwable {
		CallRecords.rejected(policy, policy.metrics().startCall(), 1, null, 0L, rejection, event, reason);
		return FailedCall.fallbackOrThrow(policy, recovery, work, CallOutcome.REJECTED, rejection);
	}

	static CircuitOpenException rejection(Policy policy) {
		return new CircuitOpenException(policy.name(), policy.circuitBreaker().retryTime());
	}

	/** A call started during a server-driven pause: rejected until the pause's end (§15). */
	static CircuitOpenException pauseRejection(Policy policy) {
		return new CircuitOpenException(policy.name(), policy.pause().retryAt(), true);
	}

}
