package dev.resilience.policy;

import java.time.Duration;

import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.retry.Retry;

import dev.resilience.retry.RetryDecision;

/**
 * One subscription to a {@code Mono} or {@code Flux} of a {@code @Resilient} method (or a
 * {@code WebClient} request): one call. Each attempt invokes the work again and subscribes the
 * publisher it returns; Reactor's {@code retryWhen} re-subscribes, and this class's
 * {@link AsyncCall} decides whether and when. A {@code Flux} that has delivered an element is not
 * retried. Cancelling the subscription ends the call. Loaded only when Reactor is on the class
 * path.
 * <p>
 * When traced, each attempt's span is current on the thread that starts the attempt while the
 * work is invoked and its publisher subscribed, and is in the attempt's subscriber context as
 * Micrometer's current observation: what the work starts (a span, a log line, a {@code WebClient}
 * request, on any thread) is a child of its attempt. The trace itself makes nothing current here
 * ({@link CallTrace#handOverScopes()}): a scope closed in a signal, inside the scopes of Reactor's
 * automatic context propagation, would unwind them out of order.
 */
public final class ReactiveCall<W> {

	/**
	 * Where a Reactor context holds Micrometer's current observation
	 * ({@code ObservationThreadLocalAccessor.KEY}, read by {@code WebClient} and context
	 * propagation).
	 */
	static final String OBSERVATION_KEY = "micrometer.observation";

	private final AsyncCall call;

	private final CallTrace trace;

	private final W work;

	private final AsyncAttemptRunner<W> runner;

	private final Recovery<W> recovery;

	private volatile boolean emitted;

	private volatile AsyncCall.Ending ending;

	private ReactiveCall(AsyncCall call, CallTrace trace, W work, AsyncAttemptRunner<W> runner,
			Recovery<W> recovery) {
		this.call = call;
		this.trace = trace;
		this.work = work;
		this.runner = runner;
		this.recovery = recovery;
	}

	/** A {@code Mono} each of whose subscriptions is one call of {@code work} under {@code policy}. */
	public static <W> Mono<Object> mono(AsyncPolicyExecutor executor, Policy policy, W work,
			AsyncAttemptRunner<W> runner, boolean idempotent, Recovery<W> recovery) {
		return Mono.defer(() -> {
			PolicySettings settings = policy.settings();
			long start = executor.now();
			if (!settings.enabled()) {
				return Mono.defer(() -> Mono.from(invoke(runner, work)))
					.doOnSuccess((value) -> executor.passedThrough(policy, start, null))
					.doOnError((failure) -> executor.passedThrough(policy, start, failure));
			}
			CallTrace trace = policy.metrics().startCall();
			ReactiveCall<W> call = new ReactiveCall<>(
					executor.call(policy, settings, idempotent, start, false, trace), trace, work, runner, recovery);
			trace.handOverScopes();
			return new MonoAttempts(call)
				.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> call.afterFailure(signal.failure()))))
				.onErrorResume((failure) -> Mono.from(call.recover(failure)))
				.doOnCancel(call::cancelled);
		});
	}

	/** A {@code Flux} each of whose subscriptions is one call of {@code work} under {@code policy}. */
	public static <W> Flux<Object> flux(AsyncPolicyExecutor executor, Policy policy, W work,
			AsyncAttemptRunner<W> runner, boolean idempotent, Recovery<W> recovery) {
		return Flux.defer(() -> {
			PolicySettings settings = policy.settings();
			long start = executor.now();
			if (!settings.enabled()) {
				return Flux.defer(() -> Flux.from(invoke(runner, work)))
					.doOnComplete(() -> executor.passedThrough(policy, start, null))
					.doOnError((failure) -> executor.passedThrough(policy, start, failure));
			}
			CallTrace trace = policy.metrics().startCall();
			ReactiveCall<W> call = new ReactiveCall<>(
					executor.call(policy, settings, idempotent, start, false, trace), trace, work, runner, recovery);
			trace.handOverScopes();
			return new FluxAttempts(call)
				.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> call.afterFailure(signal.failure()))))
				.onErrorResume(call::recover)
				.doOnCancel(call::cancelled);
		});
	}

	private Mono<Object> monoAttempt(Publisher<Object> work) {
		Mono<Object> attempt = Mono.from(work);
		long limit = this.call.attemptLimitNanos();
		if (limit != Long.MAX_VALUE) {
			attempt = attempt.timeout(Duration.ofNanos(limit), Mono.defer(() -> Mono.error(this.call.timedOut())));
		}
		attempt = attempt.doOnSuccess((value) -> this.call.succeeded());
		Object observation = this.trace.attemptObservation();
		return (observation != null) ? attempt.contextWrite(Context.of(OBSERVATION_KEY, observation)) : attempt;
	}

	/** A stream's time limit bounds the wait for its first element: the part that may be retried. */
	private Flux<Object> fluxAttempt(Publisher<Object> work) {
		Flux<Object> attempt = Flux.from(work);
		long limit = this.call.attemptLimitNanos();
		if (limit != Long.MAX_VALUE) {
			attempt = attempt.timeout(Mono.delay(Duration.ofNanos(limit)), (value) -> Mono.never(),
					Flux.defer(() -> Flux.error(this.call.timedOut())));
		}
		attempt = attempt.doOnNext((value) -> this.emitted = true).doOnComplete(this.call::succeeded);
		Object observation = this.trace.attemptObservation();
		return (observation != null) ? attempt.contextWrite(Context.of(OBSERVATION_KEY, observation)) : attempt;
	}

	/**
	 * Takes a permit for the next attempt: {@code null} when granted, else what the attempt is
	 * instead (a rejection's error; nothing when the call had already ended).
	 */
	private Publisher<Object> refusal() {
		AsyncCall.Permit permit = this.call.acquire();
		if (permit == AsyncCall.Permit.GRANTED) {
			return null;
		}
		if (permit == AsyncCall.Permit.REJECTED) {
			AsyncCall.Ending rejected = this.call.reject();
			if (rejected != null) {
				this.ending = rejected;
				return Mono.error(rejected.failure());
			}
		}
		return Mono.empty();
	}

	@SuppressWarnings("unchecked")
	private static <W> Publisher<Object> invoke(AsyncAttemptRunner<W> runner, W work) {
		Object returned;
		try {
			returned = runner.attempt(work);
		}
		catch (Throwable failure) {
			return Mono.error(failure);
		}
		if (returned instanceof Publisher<?> publisher) {
			return (Publisher<Object>) publisher;
		}
		return Mono.error(new IllegalStateException("@Resilient method returned "
				+ ((returned != null) ? returned.getClass().getName() : "null") + " instead of a publisher"));
	}

	/** The companion of {@code retryWhen}: a signal to re-subscribe after the wait, or the final error. */
	private Mono<Boolean> afterFailure(Throwable failure) {
		if (this.ending != null) {
			return Mono.error(failure);
		}
		RetryDecision decision = this.call.failed(failure, this.emitted);
		if (decision instanceof RetryDecision.Wait wait) {
			return Mono.create((sink) -> this.call.retryAfter(wait, (after) -> {
				if (after instanceof RetryDecision.Stop stop) {
					this.ending = this.call.end(stop);
					this.call.withMdc(() -> sink.error(failure));
				}
				else {
					this.call.withMdc(() -> sink.success(Boolean.TRUE));
				}
			}));
		}
		if (decision instanceof RetryDecision.Stop stop) {
			this.ending = this.call.end(stop);
		}
		return Mono.error(failure);
	}

	/** After the final failure: the fallback's publisher where one applies. */
	@SuppressWarnings("unchecked")
	private Publisher<Object> recover(Throwable failure) {
		AsyncCall.Ending ending = this.ending;
		if (ending == null || !ending.recoverable() || this.recovery == null
				|| !this.recovery.accepts(ending.failure())) {
			return Mono.error(failure);
		}
		this.call.fallingBack(ending);
		Object recovered;
		try {
			recovered = this.recovery.recover(this.work, ending.failure());
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
		if (recovered instanceof Publisher<?> publisher) {
			return (Publisher<Object>) publisher;
		}
		return Mono.error(new IllegalStateException("The fallback of policy '" + this.call.policy().name()
				+ "' returned null instead of a publisher"));
	}

	private void cancelled() {
		this.call.cancel(this.emitted);
	}

	/**
	 * Starts the next attempt: takes a permit, invokes the work (a throw becomes the attempt's
	 * error) and subscribes what it returned, with the attempt's span current on this thread
	 * meanwhile (opened and closed in this one frame, inside whatever scopes Reactor's context
	 * propagation opened around it).
	 */
	private void subscribe(CoreSubscriber<? super Object> actual, boolean stream) {
		Publisher<Object> refusal = refusal();
		Object entered = this.trace.enterAttempt();
		try {
			Publisher<Object> work = (refusal != null) ? refusal : invoke(this.runner, this.work);
			(stream ? fluxAttempt(work) : monoAttempt(work)).subscribe(actual);
		}
		finally {
			this.trace.exitAttempt(entered);
		}
	}

	/** Each subscription is the next attempt of {@code call}. */
	private static final class MonoAttempts extends Mono<Object> {

		private final ReactiveCall<?> call;

		MonoAttempts(ReactiveCall<?> call) {
			this.call = call;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Object> actual) {
			this.call.subscribe(actual, false);
		}

	}

	/** Each subscription is the next attempt of {@code call}. */
	private static final class FluxAttempts extends Flux<Object> {

		private final ReactiveCall<?> call;

		FluxAttempts(ReactiveCall<?> call) {
			this.call = call;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Object> actual) {
			this.call.subscribe(actual, true);
		}

	}

}
