package dev.resilience.aop;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import dev.resilience.policy.AsyncPolicyExecutor;

/**
 * Runs each call of {@code CompletionStage} methods that share one {@link MethodBinding} through
 * its policy, applied to the future's outcome. Thread-safe.
 */
final class AsyncResilientInterceptor implements MethodInterceptor {

	private final MethodBinding binding;

	private final AsyncPolicyExecutor executor;

	AsyncResilientInterceptor(MethodBinding binding, AsyncPolicyExecutor executor) {
		this.binding = binding;
		this.executor = executor;
	}

	@Override
	public Object invoke(MethodInvocation invocation) {
		MethodBinding binding = this.binding;
		return this.executor.execute(binding.policy(), invocation, ClonedInvocations.INSTANCE, binding.idempotent(),
				binding.fallback());
	}

}
