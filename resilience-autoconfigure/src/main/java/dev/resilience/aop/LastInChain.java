package dev.resilience.aop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.framework.ReflectiveMethodInvocation;

/**
 * Tells whether the interceptor now running is the last of its invocation's chain, so that
 * {@code proceed()} goes straight to the target and leaves the invocation as it was: then the
 * same invocation can run every attempt, and the clone each attempt would otherwise need (48 bytes
 * on every call, #22) is not made. Spring's {@link ReflectiveMethodInvocation} keeps its position
 * and chain in fields without accessors; they are read through {@link VarHandle}s, found once.
 * When they cannot be found (another AOP implementation, a native image without the hints, a
 * future Spring that renamed them) the answer is {@code false} and every attempt runs on a clone,
 * which is always correct.
 */
final class LastInChain {

	private static final VarHandle POSITION;

	private static final VarHandle CHAIN;

	static {
		VarHandle position = null;
		VarHandle chain = null;
		try {
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(ReflectiveMethodInvocation.class,
					MethodHandles.lookup());
			position = lookup.findVarHandle(ReflectiveMethodInvocation.class, "currentInterceptorIndex", int.class);
			chain = lookup.findVarHandle(ReflectiveMethodInvocation.class, "interceptorsAndDynamicMethodMatchers",
					List.class);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			position = null;
			chain = null;
		}
		POSITION = position;
		CHAIN = chain;
	}

	private LastInChain() {
	}

	/**
	 * Whether nothing of the chain comes after the interceptor that is running {@code invocation}
	 * now: {@code proceed()} then invokes the target and moves nothing.
	 */
	static boolean isLast(MethodInvocation invocation) {
		if (POSITION == null || !(invocation instanceof ReflectiveMethodInvocation reflective)) {
			return false;
		}
		return (int) POSITION.get(reflective) == ((List<?>) CHAIN.get(reflective)).size() - 1;
	}

}
