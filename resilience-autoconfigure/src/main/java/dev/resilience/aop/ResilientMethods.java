package dev.resilience.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.resilience.Resilient;
import dev.resilience.policy.Policy;

/**
 * Finds a bean class's {@code @Resilient} methods and binds each to its policy and fallback. A
 * method-level annotation wins over a type-level one, which covers every public method.
 */
final class ResilientMethods {

	private ResilientMethods() {
	}

	/**
	 * @param policies resolves (and marks used) a policy by name
	 * @return bindings keyed by every {@code Method} a proxy may report for the call: the class's
	 * own and those of the interfaces it implements; empty when nothing is annotated
	 */
	static Map<Method, MethodBinding> bind(Class<?> targetClass, Function<String, Policy> policies) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		Resilient typeLevel = AnnotatedElementUtils.findMergedAnnotation(userClass, Resilient.class);
		Map<Method, MethodBinding> bindings = new HashMap<>();
		Map<Method, MethodBinding> bySpecific = new HashMap<>();
		ReflectionUtils.doWithMethods(userClass, (method) -> {
			Method specific = AopUtils.getMostSpecificMethod(method, userClass);
			MethodBinding binding = bySpecific.get(specific);
			if (binding == null) {
				binding = bindOne(specific, userClass, typeLevel, policies);
				if (binding == null) {
					return;
				}
				bySpecific.put(specific, binding);
			}
			bindings.put(method, binding);
			bindings.put(specific, binding);
		}, (method) -> !method.isBridge() && !method.isSynthetic() && method.getDeclaringClass() != Object.class);
		for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(userClass)) {
			for (Method method : type.getMethods()) {
				MethodBinding binding = bySpecific.get(AopUtils.getMostSpecificMethod(method, userClass));
				if (binding != null) {
					bindings.put(method, binding);
				}
			}
		}
		return bindings;
	}

	/** A cheap filter: classes that cannot carry the annotation (JDK types) are skipped. */
	static boolean mayHaveAnnotations(Class<?> targetClass) {
		return AnnotationUtils.isCandidateClass(targetClass, Resilient.class);
	}

	private static MethodBinding bindOne(Method method, Class<?> userClass, Resilient typeLevel,
			Function<String, Policy> policies) {
		Resilient annotation = AnnotatedElementUtils.findMergedAnnotation(method, Resilient.class);
		if (annotation == null) {
			if (typeLevel == null || !Modifier.isPublic(method.getModifiers())
					|| Modifier.isStatic(method.getModifiers())) {
				return null;
			}
			annotation = typeLevel;
		}
		if (Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())) {
			return null;
		}
		String name = annotation.value().isEmpty() ? userClass.getSimpleName() + "." + method.getName()
				: annotation.value();
		ReturnKind kind = ReturnKind.of(method, userClass);
		FallbackMethod fallback = annotation.fallback().isEmpty() ? null
				: FallbackMethod.resolve(method, userClass, annotation.fallback());
		return new MethodBinding(policies.apply(name), annotation.idempotent(), fallback, kind);
	}

}
