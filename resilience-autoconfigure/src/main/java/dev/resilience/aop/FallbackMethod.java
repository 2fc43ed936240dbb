package dev.resilience.aop;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.aopalliance.intercept.MethodInvocation;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.resilience.policy.Recovery;

/**
 * A fallback method, resolved and checked at startup: same return type, same parameters,
 * optionally followed by one {@code Throwable} parameter that receives the failure.
 */
final class FallbackMethod implements Recovery<MethodInvocation> {

	private final Method method;

	/** The failure parameter's type, or {@code null} when the fallback takes none. */
	private final Class<?> failureType;

	private FallbackMethod(Method method, Class<?> failureType) {
		this.method = method;
		this.failureType = failureType;
	}

	/**
	 * Finds the fallback named {@code name} for {@code annotated}.
	 * @throws InvalidFallbackException naming both methods when there is none that fits
	 */
	static FallbackMethod resolve(Method annotated, Class<?> targetClass, String name) {
		Class<?>[] params = annotated.getParameterTypes();
		List<Method> candidates = Arrays.stream(ReflectionUtils.getAllDeclaredMethods(targetClass))
			.filter((m) -> m.getName().equals(name) && !m.isBridge())
			.toList();
		if (candidates.isEmpty()) {
			throw new InvalidFallbackException(annotated, targetClass, name,
					"does not exist: declare " + expected(annotated, targetClass, name) + " on "
							+ targetClass.getSimpleName());
		}
		for (Method candidate : candidates) {
			Class<?>[] types = candidate.getParameterTypes();
			boolean plain = Arrays.equals(types, params);
			boolean withFailure = types.length == params.length + 1
					&& Arrays.equals(Arrays.copyOf(types, params.length), params)
					&& Throwable.class.isAssignableFrom(types[params.length]);
			if (!plain && !withFailure) {
				continue;
			}
			if (!returnTypeFits(annotated, candidate, targetClass)) {
				throw new InvalidFallbackException(annotated, targetClass, name,
						"returns " + describeReturnType(candidate, targetClass) + " but must return "
								+ describeReturnType(annotated, targetClass) + " like the annotated method: "
								+ "change the return type of " + InvalidFallbackException.describe(candidate, targetClass));
			}
			ReflectionUtils.makeAccessible(candidate);
			return new FallbackMethod(candidate, withFailure ? types[params.length] : null);
		}
		throw new InvalidFallbackException(annotated, targetClass, name,
				"has incompatible parameters: found " + candidates.stream()
					.map((m) -> InvalidFallbackException.describe(m, targetClass))
					.toList() + ", expected " + expected(annotated, targetClass, name));
	}

	/**
	 * The same type, or a subtype; for a generic type such as {@code CompletableFuture<Quote>} or
	 * {@code Mono<Quote>}, with type arguments that fit too.
	 */
	private static boolean returnTypeFits(Method annotated, Method candidate, Class<?> targetClass) {
		Class<?> expected = annotated.getReturnType();
		Class<?> actual = candidate.getReturnType();
		if (!expected.equals(actual) && (expected.isPrimitive() || !expected.isAssignableFrom(actual))) {
			return false;
		}
		ResolvableType expectedType = ResolvableType.forMethodReturnType(annotated, targetClass);
		return !expectedType.hasGenerics()
				|| expectedType.isAssignableFrom(ResolvableType.forMethodReturnType(candidate, targetClass));
	}

	private static String describeReturnType(Method method, Class<?> targetClass) {
		ResolvableType type = ResolvableType.forMethodReturnType(method, targetClass);
		if (!type.hasGenerics()) {
			return ClassUtils.getShortName(method.getReturnType());
		}
		StringBuilder text = new StringBuilder(ClassUtils.getShortName(method.getReturnType())).append('<');
		ResolvableType[] generics = type.getGenerics();
		for (int i = 0; i < generics.length; i++) {
			Class<?> resolved = generics[i].resolve();
			text.append((i > 0) ? ", " : "").append((resolved != null) ? ClassUtils.getShortName(resolved) : "?");
		}
		return text.append('>').toString();
	}

	private static String expected(Method annotated, Class<?> targetClass, String name) {
		String params = Arrays.stream(annotated.getParameterTypes()).map(ClassUtils::getShortName).toList().toString();
		params = params.substring(1, params.length() - 1);
		String ret = ClassUtils.getShortName(annotated.getReturnType());
		return ret + " " + name + "(" + params + ")" + " or " + ret + " " + name + "(" + params
				+ (params.isEmpty() ? "" : ", ") + "Throwable)";
	}

	/** A fallback whose failure parameter does not take {@code failure} lets it reach the caller. */
	@Override
	public boolean accepts(Throwable failure) {
		return this.failureType == null || this.failureType.isInstance(failure);
	}

	@Override
	public Object recover(MethodInvocation invocation, Throwable failure) throws Throwable {
		Object[] args = invocation.getArguments();
		if (this.failureType != null) {
			if (!this.failureType.isInstance(failure)) {
				throw failure;
			}
			args = Arrays.copyOf(args, args.length + 1);
			args[args.length - 1] = failure;
		}
		try {
			return this.method.invoke(invocation.getThis(), args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	@Override
	public String toString() {
		return this.method.toGenericString();
	}

}
