package dev.resilience.aop;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import dev.resilience.policy.PolicyExecutor;

/**
 * Runs each call of the methods that share one {@link MethodBinding} through its policy. The
 * proxy's advisor chain, cached per method, already picked this interceptor for the method, so a
 * call goes straight to the executor: nothing is looked up. Thread-safe.
 */
final class ResilientInterceptor implements MethodInterceptor {

	private final MethodBinding binding;

	private final PolicyExecutor executor;

	ResilientInterceptor(MethodBinding binding, PolicyExecutor executor) {
		this.binding = binding;
		this.executor = executor;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		MethodBinding binding = this.binding;
		return this.executor.execute(binding.policy(), invocation, ClonedInvocations.INSTANCE, binding.idempotent(),
				binding.fallback());
	}

}
