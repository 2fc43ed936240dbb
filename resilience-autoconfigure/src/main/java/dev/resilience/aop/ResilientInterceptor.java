package dev.resilience.aop;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;

import dev.resilience.policy.AttemptRunner;
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
		return this.executor.execute(binding.policy(), invocation, InvocationRunner.INSTANCE, binding.idempotent(),
				binding.fallback());
	}

	/**
	 * Every attempt, the first included, proceeds on a fresh clone of the proxy's untouched
	 * invocation: {@code proceed()} advances an invocation's position in the chain, so proceeding
	 * the original would let later attempts skip everything after this interceptor (the
	 * transaction, the cache, the user's interceptors), as Spring Retry and Spring Framework 7
	 * also clone. The original is never proceeded; each clone copies the arguments, so an attempt
	 * that changes them does not change the next attempt's. An invocation that is not a
	 * {@link ProxyMethodInvocation} cannot be cloned and proceeds itself.
	 */
	private enum InvocationRunner implements AttemptRunner<MethodInvocation> {

		INSTANCE;

		@Override
		public Object first(MethodInvocation invocation) throws Throwable {
			if (invocation instanceof ProxyMethodInvocation proxyInvocation) {
				return proxyInvocation.invocableClone().proceed();
			}
			return invocation.proceed();
		}

	}

}
