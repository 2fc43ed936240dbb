package dev.resilience.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.framework.ProxyProcessorSupport;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;

import dev.resilience.policy.PolicyExecutor;
import dev.resilience.policy.PolicyRegistry;

/**
 * Proxies every bean that has {@code @Resilient} methods, with one advisor per bean holding the
 * bean's resolved bindings. Runs after Spring's auto-proxy creator and puts its advisor in front
 * of existing ones, so that retry wraps transactions and every attempt gets a fresh one.
 */
public class ResilientBeanPostProcessor extends ProxyProcessorSupport implements BeanPostProcessor {

	private final Supplier<PolicyRegistry> registry;

	private final Supplier<PolicyExecutor> executor;

	/** Suppliers, because a post-processor is created before the beans it needs. */
	public ResilientBeanPostProcessor(Supplier<PolicyRegistry> registry, Supplier<PolicyExecutor> executor) {
		this.registry = registry;
		this.executor = executor;
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
		ResilientInterceptor interceptor = new ResilientInterceptor(bindings, this.executor.get());
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new BoundMethods(interceptor), interceptor);
		if (bean instanceof Advised advised && !advised.isFrozen()) {
			advised.addAdvisor(0, advisor);
			return bean;
		}
		ProxyFactory proxyFactory = new ProxyFactory();
		proxyFactory.copyFrom(this);
		proxyFactory.setTarget(bean);
		proxyFactory.addAdvisor(advisor);
		return proxyFactory.getProxy(getProxyClassLoader());
	}

	private static final class BoundMethods extends StaticMethodMatcherPointcut {

		private final ResilientInterceptor interceptor;

		BoundMethods(ResilientInterceptor interceptor) {
			this.interceptor = interceptor;
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return this.interceptor.handles(method);
		}

	}

}
