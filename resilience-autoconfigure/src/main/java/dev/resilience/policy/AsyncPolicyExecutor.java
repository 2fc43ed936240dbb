package dev.resilience.policy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.retry.RetryPlan;
import dev.resilience.retry.WaitScheduler;

/**
 * Runs asynchronous work under a policy: the whole policy applied to the asynchronous outcome
 * (§14). An already completed successful future on the first attempt is returned as it is, with
 * nothing allocated; anything else is followed by a {@link FutureCall}. A policy with a bulkhead
 * holds the call's place until its outcome; time limits need no thread: at the limit the attempt's
 * future is cancelled and the attempt fails with {@code TimeoutExceededException}. Thread-safe;
 * one per application.
 */
public final class AsyncPolicyExecutor {

	private final PolicyExecutor executor;

	private final WaitScheduler scheduler;

	/**
	 * @param executor the blocking executor, whose clock, waiter and warning log are shared
	 * @param scheduler schedules every wait of asynchronous calls
	 */
	public AsyncPolicyExecutor(PolicyExecutor executor, WaitScheduler scheduler) {
		this.executor = executor;
		this.scheduler = scheduler;
	}

	/**
	 * Calls {@code work} under {@code policy}; every attempt invokes it again.
	 * @param idempotent {@code false}: only failures before the request was sent are retried
	 * @param recovery the fallback (returning a {@code CompletionStage}), or {@code null}
	 * @return the future of the call's outcome: the first attempt's own future when it had already
	 * succeeded
	 */
	public <W> CompletionStage<?> execute(Policy policy, W work, AsyncAttemptRunner<W> runner, boolean idempotent,
			Recovery<W> recovery) {
		PolicySettings settings = policy.settings();
		if (!settings.enabled()) {
			return passThrough(policy, work, runner);
		}
		if (settings.limited() || policy.pause().holdsNewCall()) {
			return new FutureCall<>(call(policy, settings, idempotent, now(), false, policy.metrics().startCall()), work,
					runner, recovery)
				.start();
		}
		CircuitBreaker breaker = policy.circuitBreaker();
		PolicyMetrics metrics = policy.metrics();
		long start = now();
		CallTrace trace = metrics.startCall();
		if (!breaker.tryAcquirePermission()) {
			return new FutureCall<>(call(policy, settings, idempotent, start, false, trace), work, runner, recovery)
				.rejectedAtOnce();
		}
		Object returned;
		try {
			returned = runner.attempt(work);
		}
		catch (Throwable failure) {
			return new FutureCall<>(call(policy, settings, idempotent, start, true, trace), work, runner, recovery)
				.firstAttempt(null, failure);
		}
		if (returned instanceof CompletableFuture<?> future && future.isDone() && !future.isCompletedExceptionally()) {
			long nanos = policy.timesAttempts() ? now() - start : 0L;
			breaker.onSuccess(nanos);
			policy.counts().increment(CallOutcome.SUCCESS);
			metrics.firstAttemptSucceeded(nanos);
			trace.firstAttemptSucceeded();
			return future;
		}
		return new FutureCall<>(call(policy, settings, idempotent, start, true, trace), work, runner, recovery)
			.firstAttempt(returned, null);
	}

	/** A disabled policy: one attempt, counted when its future completes. */
	private <W> CompletionStage<?> passThrough(Policy policy, W work, AsyncAttemptRunner<W> runner) {
		long start = now();
		Object returned;
		try {
			returned = runner.attempt(work);
		}
		catch (Throwable failure) {
			passedThrough(policy, start, failure);
			return CompletableFuture.failedFuture(failure);
		}
		if (!(returned instanceof CompletionStage<?> stage)) {
			return CompletableFuture.failedFuture(new IllegalStateException(
					"Asynchronous work of policy '" + policy.name() + "' returned null instead of a CompletionStage"));
		}
		stage.whenComplete((value, failure) -> passedThrough(policy, start, failure));
		return stage;
	}

	/** Counts one call of a disabled policy. */
	void passedThrough(Policy policy, long start, Throwable failure) {
		long nanos = now() - start;
		if (failure == null) {
			policy.counts().increment(CallOutcome.SUCCESS);
			policy.metrics().firstAttemptSucceeded(nanos);
			return;
		}
		Throwable cause = FutureCall.unwrap(failure);
		boolean permanent = policy.classifier().classify(cause).isPermanent();
		policy.metrics().attempt(1, permanent ? AttemptOutcome.PERMANENT_FAILURE : AttemptOutcome.TRANSIENT_FAILURE,
				cause, nanos);
		policy.counts().increment(CallOutcome.ABORTED);
		policy.metrics().call(CallOutcome.ABORTED, nanos);
	}

	/**
	 * The state of one call, for this package's drivers (futures, Reactor types): with a place of
	 * the policy's bulkhead when it has one (or refused one: then rejected before any attempt).
	 */
	AsyncCall call(Policy policy, PolicySettings settings, boolean idempotent, long start, boolean permitHeld,
			CallTrace trace) {
		AsyncCall call = new AsyncCall(this, policy, settings, idempotent, start, permitHeld, CallerMdc.capture(),
				trace);
		if (!permitHeld && policy.pause().holdsNewCall()) {
			call.refuse(PolicyExecutor.pauseRejection(policy), RecentEvents.SERVER_PAUSE,
					"a server's Retry-After paused the policy");
		}
		else if (settings.bulkhead().bounded()) {
			call.takePlace(policy.limits().bulkhead());
		}
		return call;
	}

	RetryPlan plan(PolicySettings settings, boolean idempotent, long start, Policy policy) {
		return new RetryPlan(settings.retry(), idempotent, this.executor.waiter(), this.executor::now, start,
				policy.metrics()::backoff, settings.timeout().total(), policy.retryBudget(), policy.pause());
	}

	WaitScheduler scheduler() {
		return this.scheduler;
	}

	long now() {
		return this.executor.now();
	}

	RepeatLimitedLog warnings() {
		return this.executor.warnings();
	}

}
