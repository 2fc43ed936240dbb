package dev.resilience.aop;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.ProxyProcessorSupport;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;

import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.PolicyExecutor;
import dev.resilience.policy.PolicyRegistry;

/**
 * Proxies every bean that has {@code @Resilient} methods, with one advisor per resolved binding
 * of the bean. Runs after Spring's auto-proxy creator (this post-processor has the lowest order,
 * the creator the highest) and puts its advisors in front of the existing ones, so that retry
 * wraps transactions, caching, security and the user's aspects, and every attempt, which
 * proceeds on a fresh clone of the invocation, runs all of them again: a fresh transaction each.
 */
public class ResilientBeanPostProcessor extends ProxyProcessorSupport implements BeanPostProcessor {

	private final Supplier<PolicyRegistry> registry;

	private final Supplier<PolicyExecutor> executor;

	private final Supplier<AsyncPolicyExecutor> asyncExecutor;

	/** Suppliers, because a post-processor is created before the beans it needs. */
	public ResilientBeanPostProcessor(Supplier<PolicyRegistry> registry, Supplier<PolicyExecutor> executor,
			Supplier<AsyncPolicyExecutor> asyncExecutor) {
		this.registry = registry;
		this.executor = executor;
		this.asyncExecutor = asyncExecutor;
		setProxyTargetClass(true);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AopInfrastructureBean) {
			return bean;
		}
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (!ResilientMethods.mayHaveAnnotations(targetClass)) {
			return bean;
		}
		Map<Method, MethodBinding> bindings = ResilientMethods.bind(targetClass,
				(name) -> this.registry.get().use(name));
		if (bindings.isEmpty()) {
			return bean;
		}
		List<DefaultPointcutAdvisor> advisors = advisors(bindings);
		if (bean instanceof Advised advised && !advised.isFrozen()) {
			for (int i = 0; i < advisors.size(); i++) {
				advised.addAdvisor(i, advisors.get(i));
			}
			return bean;
		}
		ProxyFactory proxyFactory = new ProxyFactory();
		proxyFactory.copyFrom(this);
		proxyFactory.setTarget(bean);
		advisors.forEach(proxyFactory::addAdvisor);
		return proxyFactory.getProxy(getProxyClassLoader());
	}

	/**
	 * One advisor per distinct binding, matching exactly the methods bound to it: the proxy
	 * resolves a method's chain once, so a call reaches its binding without a lookup.
	 */
	private List<DefaultPointcutAdvisor> advisors(Map<Method, MethodBinding> bindings) {
		Map<MethodBinding, Set<Method>> methods = new LinkedHashMap<>();
		bindings.forEach((method, binding) -> methods.computeIfAbsent(binding, (key) -> new HashSet<>()).add(method));
		List<DefaultPointcutAdvisor> advisors = new ArrayList<>();
		methods.forEach((binding, bound) -> advisors
			.add(new DefaultPointcutAdvisor(new BoundMethods(bound), interceptor(binding))));
		return advisors;
	}

	/** The blocking, future or reactive interceptor, as the methods' return type says. */
	private MethodInterceptor interceptor(MethodBinding binding) {
		return switch (binding.kind()) {
			case BLOCKING -> new ResilientInterceptor(binding, this.executor.get());
			case FUTURE -> new AsyncResilientInterceptor(binding, this.asyncExecutor.get());
			case MONO, FLUX -> new ReactiveResilientInterceptor(binding, this.asyncExecutor.get());
		};
	}

	private static final class BoundMethods extends StaticMethodMatcherPointcut {

		private final Set<Method> methods;

		BoundMethods(Set<Method> methods) {
			this.methods = Set.copyOf(methods);
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return this.methods.contains(method);
		}

	}

}
