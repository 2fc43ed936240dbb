package dev.resilience.aop;

import java.lang.reflect.Method;

/**
 * A {@code @Resilient} method whose outcome arrives asynchronously through a type the starter
 * cannot follow: found at startup, so that it is never silently left unprotected.
 */
public class UnsupportedReturnTypeException extends RuntimeException {

	private final String method;

	UnsupportedReturnTypeException(Method method, Class<?> targetClass, String problem) {
		super("@Resilient method '" + InvalidFallbackException.describe(method, targetClass) + "' " + problem
				+ ": the policy could not follow its outcome. Supported asynchronous types: " + ReturnKind.SUPPORTED);
		this.method = InvalidFallbackException.describe(method, targetClass);
	}

	/** The annotated method, for example {@code QuoteClient.fetch(String)}. */
	public String getMethod() {
		return this.method;
	}

	/** The asynchronous return types the starter supports. */
	public String getSupportedTypes() {
		return ReturnKind.SUPPORTED;
	}

}
