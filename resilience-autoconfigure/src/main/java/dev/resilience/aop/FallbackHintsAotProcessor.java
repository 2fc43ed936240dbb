package dev.resilience.aop;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.resilience.Resilient;

/**
 * Ahead of time, registers every fallback method that a bean's {@code @Resilient} methods name
 * for reflective invocation: {@link FallbackMethod} finds and calls it by reflection at run time.
 */
class FallbackHintsAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> beanClass = ClassUtils.getUserClass(registeredBean.getBeanClass());
		if (!ResilientMethods.mayHaveAnnotations(beanClass)) {
			return null;
		}
		Set<Method> fallbacks = fallbacks(beanClass);
		if (fallbacks.isEmpty()) {
			return null;
		}
		return new FallbackHints(fallbacks);
	}

	/** The methods named by a {@code fallback} attribute on the class or its methods. */
	static Set<Method> fallbacks(Class<?> beanClass) {
		Set<String> names = new LinkedHashSet<>();
		Resilient typeLevel = AnnotatedElementUtils.findMergedAnnotation(beanClass, Resilient.class);
		if (typeLevel != null && !typeLevel.fallback().isEmpty()) {
			names.add(typeLevel.fallback());
		}
		ReflectionUtils.doWithMethods(beanClass, (method) -> {
			Resilient annotation = AnnotatedElementUtils.findMergedAnnotation(method, Resilient.class);
			if (annotation != null && !annotation.fallback().isEmpty()) {
				names.add(annotation.fallback());
			}
		}, (method) -> method.getDeclaringClass() != Object.class);
		Set<Method> fallbacks = new LinkedHashSet<>();
		if (!names.isEmpty()) {
			for (Method method : ReflectionUtils.getAllDeclaredMethods(beanClass)) {
				if (names.contains(method.getName()) && method.getDeclaringClass() != Object.class) {
					fallbacks.add(method);
				}
			}
		}
		return fallbacks;
	}

	private record FallbackHints(Set<Method> methods) implements BeanRegistrationAotContribution {

		@Override
		public void applyTo(GenerationContext generationContext, BeanRegistrationCode beanRegistrationCode) {
			RuntimeHints hints = generationContext.getRuntimeHints();
			for (Method method : this.methods) {
				hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
			}
		}

	}

}
