package dev.resilience.policy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

import dev.resilience.retry.RetryDecision;

/**
 * The future returned for one call of a {@code CompletionStage} method or of
 * {@code Resilience#callAsync}: it completes with the call's final outcome. Each attempt invokes
 * the work again and waits for the stage it returns; cancelling this future cancels the running
 * attempt's future or drops the pending wait, and nothing is retried. Dependent stages of the
 * caller's run with the caller's MDC when this future completes on another thread.
 */
final class FutureCall<W> extends CompletableFuture<Object> implements BiConsumer<Object, Throwable> {

	private final AsyncCall call;

	private final W work;

	private final AsyncAttemptRunner<W> runner;

	private final Recovery<W> recovery;

	/** The running attempt's future, to cancel it with the call; {@code null} if it cannot be. */
	private volatile CompletableFuture<?> running;

	/** The attempt whose time limit passed, whose own completion is then ignored. */
	private volatile int timedOut;

	FutureCall(AsyncCall call, W work, AsyncAttemptRunner<W> runner, Recovery<W> recovery) {
		this.call = call;
		this.work = work;
		this.runner = runner;
		this.recovery = recovery;
	}

	/** The first attempt returned {@code returned} (not a completed future) or threw {@code failure}. */
	FutureCall<W> firstAttempt(Object returned, Throwable failure) {
		if (failure != null) {
			accept(null, failure);
		}
		else {
			follow(returned);
		}
		return this;
	}

	/** The breaker refused the first attempt. */
	FutureCall<W> rejectedAtOnce() {
		finish(this.call.reject());
		return this;
	}

	/** A limited call: takes the breaker's permit for the first attempt here. */
	FutureCall<W> start() {
		nextAttempt();
		return this;
	}

	private void nextAttempt() {
		AsyncCall.Permit permit = this.call.acquire();
		if (permit == AsyncCall.Permit.REJECTED) {
			finish(this.call.reject());
			return;
		}
		if (permit == AsyncCall.Permit.GRANTED) {
			this.call.withMdc(() -> {
				Object returned;
				try {
					returned = this.runner.attempt(this.work);
				}
				catch (Throwable ex) {
					accept(null, ex);
					return;
				}
				follow(returned);
			});
		}
	}

	private void follow(Object returned) {
		if (!(returned instanceof CompletionStage<?> stage)) {
			accept(null, new IllegalStateException("@Resilient method of policy '" + this.call.policy().name()
					+ "' returned " + ((returned != null) ? returned.getClass().getName() : "null")
					+ " instead of a CompletionStage"));
			return;
		}
		this.running = futureOf(stage);
		long limit = this.call.attemptLimitNanos();
		if (limit == Long.MAX_VALUE) {
			stage.whenComplete(this);
		}
		else {
			int attempt = this.call.attempt();
			Future<?> timer = this.call.scheduler().after(limit, () -> timedOut(attempt));
			stage.whenComplete((value, failure) -> {
				if (timer != null) {
					timer.cancel(false);
				}
				if (this.call.attempt() == attempt && this.timedOut != attempt) {
					accept(value, failure);
				}
			});
		}
		if (isDone()) {
			cancelRunning();
		}
	}

	/** The time limit of attempt {@code attempt} passed: it fails, and its future is cancelled. */
	private void timedOut(int attempt) {
		if (this.call.attempt() != attempt || isDone()) {
			return;
		}
		// Cancelled first, so that the caller never sees an outcome while its request still runs;
		// the cancellation's own completion of the attempt is not its outcome.
		this.timedOut = attempt;
		CompletableFuture<?> abandoned = this.running;
		if (abandoned != null) {
			abandoned.cancel(true);
		}
		accept(null, this.call.timedOut());
	}

	/** An attempt ended. */
	@Override
	public void accept(Object value, Throwable failure) {
		if (isDone()) {
			this.call.cancel(false);
			return;
		}
		if (failure == null) {
			if (this.call.succeeded()) {
				completeWithMdc(value, null);
			}
			return;
		}
		RetryDecision decision = this.call.failed(unwrap(failure), false);
		if (decision instanceof RetryDecision.Wait wait) {
			this.call.retryAfter(wait, this::afterWait);
		}
		else if (decision instanceof RetryDecision.Stop stop) {
			finish(this.call.end(stop));
		}
	}

	private void afterWait(RetryDecision decision) {
		if (isDone()) {
			this.call.cancel(false);
		}
		else if (decision instanceof RetryDecision.Stop stop) {
			finish(this.call.end(stop));
		}
		else {
			nextAttempt();
		}
	}

	private void finish(AsyncCall.Ending ending) {
		if (ending == null) {
			return;
		}
		if (this.recovery == null || !ending.recoverable() || !this.recovery.accepts(ending.failure())) {
			completeWithMdc(null, ending.failure());
			return;
		}
		this.call.fallingBack(ending);
		this.call.withMdc(() -> {
			Object recovered;
			try {
				recovered = this.recovery.recover(this.work, ending.failure());
			}
			catch (Throwable ex) {
				completeExceptionally(ex);
				return;
			}
			if (recovered instanceof CompletionStage<?> stage) {
				stage.whenComplete((value, failure) -> completeWithMdc(value, (failure != null) ? unwrap(failure) : null));
			}
			else {
				completeExceptionally(new IllegalStateException("The fallback of policy '"
						+ this.call.policy().name() + "' returned null instead of a CompletionStage"));
			}
		});
	}

	private void completeWithMdc(Object value, Throwable failure) {
		this.call.withMdc(() -> {
			if (failure != null) {
				completeExceptionally(failure);
			}
			else {
				complete(value);
			}
		});
	}

	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		if (cancelled) {
			cancelRunning();
			this.call.cancel(false);
		}
		return cancelled;
	}

	private void cancelRunning() {
		CompletableFuture<?> attempt = this.running;
		if (attempt != null) {
			attempt.cancel(true);
		}
	}

	private static CompletableFuture<?> futureOf(CompletionStage<?> stage) {
		try {
			return stage.toCompletableFuture();
		}
		catch (UnsupportedOperationException ex) {
			return null;
		}
	}

	/** A dependent stage reports its source's failure wrapped; the policy classifies the failure itself. */
	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
