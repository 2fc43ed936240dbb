package dev.resilience.benchmarks;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

/** Proceeds and nothing else: the cost of being a Spring AOP proxy, our floor. */
final class NoopInterceptor implements MethodInterceptor {

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		return invocation.proceed();
	}

}
