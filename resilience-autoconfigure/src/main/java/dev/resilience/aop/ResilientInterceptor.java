package dev.resilience.aop;

import java.lang.reflect.Method;
import java.util.Map;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;

import dev.resilience.policy.AttemptRunner;
import dev.resilience.policy.PolicyExecutor;

/**
 * Runs each call of one bean's {@code @Resilient} methods through its policy. The bindings were
 * resolved when the bean was proxied; a call does one map read and nothing else before the
 * executor. Thread-safe.
 */
final class ResilientInterceptor implements MethodInterceptor {

	private final Map<Method, MethodBinding> bindings;

	private final PolicyExecutor executor;

	ResilientInterceptor(Map<Method, MethodBinding> bindings, PolicyExecutor executor) {
		this.bindings = Map.copyOf(bindings);
		this.executor = executor;
	}

	boolean handles(Method method) {
		return this.bindings.containsKey(method);
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		MethodBinding binding = this.bindings.get(invocation.getMethod());
		if (binding == null) {
			return invocation.proceed();
		}
		return this.executor.execute(binding.policy(), invocation, InvocationRunner.INSTANCE, binding.idempotent(),
				binding.fallback());
	}

	/** Retries go through a clone, so that later interceptors in the chain run on every attempt. */
	private enum InvocationRunner implements AttemptRunner<MethodInvocation> {

		INSTANCE;

		@Override
		public Object first(MethodInvocation invocation) throws Throwable {
			return invocation.proceed();
		}

		@Override
		public Object retry(MethodInvocation invocation) throws Throwable {
			if (invocation instanceof ProxyMethodInvocation proxyInvocation) {
				return proxyInvocation.invocableClone().proceed();
			}
			return invocation.proceed();
		}

	}

}
