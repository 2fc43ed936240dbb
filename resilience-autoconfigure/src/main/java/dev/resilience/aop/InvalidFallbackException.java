package dev.resilience.aop;

import java.lang.reflect.Method;

import org.springframework.util.ClassUtils;

/** A {@code @Resilient(fallback = ...)} that names no usable method: found at startup. */
public class InvalidFallbackException extends RuntimeException {

	private final String annotatedMethod;

	private final String fallback;

	InvalidFallbackException(Method annotated, Class<?> targetClass, String fallbackName, String problem) {
		super("Fallback '" + fallbackName + "' of @Resilient method '" + describe(annotated, targetClass) + "' "
				+ problem);
		this.annotatedMethod = describe(annotated, targetClass);
		this.fallback = fallbackName;
	}

	static String describe(Method method, Class<?> targetClass) {
		StringBuilder text = new StringBuilder(targetClass.getSimpleName()).append('.')
			.append(method.getName())
			.append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			text.append((i > 0) ? ", " : "").append(ClassUtils.getShortName(types[i]));
		}
		return text.append(')').toString();
	}

	/** The annotated method, for example {@code PaymentService.charge(String)}. */
	public String getAnnotatedMethod() {
		return this.annotatedMethod;
	}

	/** The fallback name given in the annotation. */
	public String getFallback() {
		return this.fallback;
	}

}
