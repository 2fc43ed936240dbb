package dev.resilience.benchmarks;

import org.aopalliance.intercept.MethodInterceptor;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.aop.framework.ProxyFactory;

/** {@link Work} plain, and behind the same kind of proxy ours is (CGLIB, one advisor). */
@State(Scope.Benchmark)
public class ProxySubject {

	Work plain;

	Work noop;

	@Setup
	public void setUp() {
		this.plain = new Work();
		this.noop = proxy(new NoopInterceptor());
	}

	private static Work proxy(MethodInterceptor interceptor) {
		ProxyFactory factory = new ProxyFactory(new Work());
		factory.setProxyTargetClass(true);
		factory.addAdvice(interceptor);
		return (Work) factory.getProxy();
	}

}
