package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;

import dev.resilience.policy.AsyncAttemptRunner;

/**
 * Each attempt of an asynchronous method proceeds on a fresh clone of the invocation, taken from
 * the one our interceptor received, which itself never proceeds: so every attempt (a retry on a
 * scheduler thread, another subscription to a {@code Mono}) runs the rest of the proxy's chain.
 */
enum ClonedInvocations implements AsyncAttemptRunner<MethodInvocation> {

	INSTANCE;

	@Override
	public Object attempt(MethodInvocation invocation) throws Throwable {
		if (invocation instanceof ProxyMethodInvocation proxyInvocation) {
			return proxyInvocation.invocableClone().proceed();
		}
		return invocation.proceed();
	}

}
