package dev.resilience.aop;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.ReactiveCall;

/**
 * Runs each subscription to the {@code Mono} or {@code Flux} of methods that share one
 * {@link MethodBinding} through its policy: the method is invoked when the returned publisher is
 * subscribed, and again for each retry. Created only for methods returning Reactor types, so it
 * is loaded only when Reactor is present. Thread-safe.
 */
final class ReactiveResilientInterceptor implements MethodInterceptor {

	private final MethodBinding binding;

	private final AsyncPolicyExecutor executor;

	ReactiveResilientInterceptor(MethodBinding binding, AsyncPolicyExecutor executor) {
		this.binding = binding;
		this.executor = executor;
	}

	@Override
	public Object invoke(MethodInvocation invocation) {
		MethodBinding binding = this.binding;
		if (binding.kind() == ReturnKind.FLUX) {
			return ReactiveCall.flux(this.executor, binding.policy(), invocation, ClonedInvocations.INSTANCE,
					binding.idempotent(), binding.fallback());
		}
		return ReactiveCall.mono(this.executor, binding.policy(), invocation, ClonedInvocations.INSTANCE,
				binding.idempotent(), binding.fallback());
	}

}
