package dev.resilience.aop;

import org.springframework.aop.framework.ReflectiveMethodInvocation;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.resilience.Permanent;
import dev.resilience.Resilient;
import dev.resilience.Transient;

/**
 * Hints for the annotations the starter reads at run time: {@code @Resilient} is read as a
 * merged (synthesized, because of its {@code @AliasFor}) annotation, which is a JDK proxy of the
 * annotation type; {@code @Permanent} and {@code @Transient} are looked up on exception classes.
 * {@link LastInChain} reads two fields of Spring's method invocation.
 */
class ResilientRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.reflection().registerType(Resilient.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		hints.proxies().registerJdkProxy(Resilient.class);
		hints.reflection().registerType(Permanent.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		hints.reflection().registerType(Transient.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		hints.reflection()
			.registerType(ReflectiveMethodInvocation.class,
					(type) -> type.withField("currentInterceptorIndex").withField("interceptorsAndDynamicMethodMatchers"));
	}

}
