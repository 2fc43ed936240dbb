package dev.resilience.cloud;

import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;

import dev.resilience.policy.AsyncAttemptRunner;
import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.policy.ReactiveCall;

/**
 * A Spring Cloud {@link ReactiveCircuitBreaker} that runs each subscription to the publisher it
 * is handed through one policy, on the same path as a {@code @Resilient} method's {@code Mono}
 * or {@code Flux} (§14): each retry subscribes the publisher again, after a scheduled wait; a
 * {@code Flux} that has emitted an element is not retried; an open circuit fails the call without
 * subscribing. Spring Cloud hands over one publisher, not a way to make one, so a retry is useful
 * only for a cold publisher, one that does its work again for each subscriber (a
 * {@code WebClient} request, {@code Mono.fromCallable}); a hot or cached one ({@code Mono.just},
 * {@code .cache()}) replays its outcome. The call's final failure, whatever it is, goes to the
 * fallback function. Loaded only when Reactor is present. Thread-safe.
 */
final class PolicyReactiveCircuitBreaker implements ReactiveCircuitBreaker {

	private final String policyName;

	private final PolicyRegistry registry;

	private final AsyncPolicyExecutor executor;

	/** Resolved on the first run: the registry keeps a policy for as long as it lives. */
	private volatile Policy policy;

	PolicyReactiveCircuitBreaker(String policyName, PolicyRegistry registry, AsyncPolicyExecutor executor) {
		this.policyName = policyName;
		this.registry = registry;
		this.executor = executor;
	}

	/** The policy the publishers run through. */
	String policy() {
		return this.policyName;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Mono<T> run(Mono<T> toRun, Function<Throwable, Mono<T>> fallback) {
		Mono<T> call;
		try {
			call = (Mono<T>) ReactiveCall.mono(this.executor, resolve(), toRun, Subscribe.INSTANCE, true, null);
		}
		catch (IllegalStateException ex) {
			call = Mono.error(ex);
		}
		return (fallback != null) ? call.onErrorResume(fallback) : call;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Flux<T> run(Flux<T> toRun, Function<Throwable, Flux<T>> fallback) {
		Flux<T> call;
		try {
			call = (Flux<T>) ReactiveCall.flux(this.executor, resolve(), toRun, Subscribe.INSTANCE, true, null);
		}
		catch (IllegalStateException ex) {
			call = Flux.error(ex);
		}
		return (fallback != null) ? call.onErrorResume(fallback) : call;
	}

	/** @throws IllegalStateException for a new name past {@code resilience.max-unconfigured-policies} */
	private Policy resolve() {
		Policy policy = this.policy;
		if (policy == null) {
			policy = this.registry.useAtRunTime(this.policyName);
			this.policy = policy;
		}
		return policy;
	}

	@Override
	public String toString() {
		return "PolicyReactiveCircuitBreaker '" + this.policyName + "'";
	}

	/** An attempt subscribes the publisher Spring Cloud handed over once more. */
	private enum Subscribe implements AsyncAttemptRunner<Publisher<?>> {

		INSTANCE;

		@Override
		public Object attempt(Publisher<?> publisher) {
			return publisher;
		}

	}

}
