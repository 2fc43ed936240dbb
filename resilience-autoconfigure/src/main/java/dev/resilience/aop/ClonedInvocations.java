package dev.resilience.aop;

import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.ProxyMethodInvocation;

import dev.resilience.policy.AsyncAttemptRunner;
import dev.resilience.policy.AttemptRunner;

/**
 * Every attempt, the first included, proceeds on a fresh clone of the proxy's untouched
 * invocation: {@code proceed()} advances an invocation's position in the chain, so proceeding the
 * original would let later attempts skip everything after our interceptor (the transaction, the
 * cache, the user's interceptors), as Spring Retry and Spring Framework 7 also clone. The original
 * is never proceeded; each clone copies the arguments, so an attempt that changes them does not
 * change the next attempt's. This holds for blocking methods and for asynchronous ones (a retry on
 * a scheduler thread, another subscription to a {@code Mono}). An invocation that is not a
 * {@link ProxyMethodInvocation} cannot be cloned and proceeds itself. When our interceptor is the
 * last of the chain (nothing after it to skip: {@link LastInChain}), proceeding moves nothing, and
 * every attempt runs on the proxy's own invocation with no clone allocated.
 */
enum ClonedInvocations implements AttemptRunner<MethodInvocation>, AsyncAttemptRunner<MethodInvocation> {

	INSTANCE;

	@Override
	public Object first(MethodInvocation invocation) throws Throwable {
		if (invocation instanceof ProxyMethodInvocation proxyInvocation && !LastInChain.isLast(invocation)) {
			return proxyInvocation.invocableClone().proceed();
		}
		return invocation.proceed();
	}

	@Override
	public Object attempt(MethodInvocation invocation) throws Throwable {
		return first(invocation);
	}

}
