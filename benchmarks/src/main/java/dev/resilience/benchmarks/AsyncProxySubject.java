package dev.resilience.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.aop.framework.ProxyFactory;

/** {@link AsyncWork} behind the same kind of proxy ours is (CGLIB, one no-op advisor). */
@State(Scope.Benchmark)
public class AsyncProxySubject {

	AsyncWork noop;

	@Setup
	public void setUp() {
		ProxyFactory factory = new ProxyFactory(new AsyncWork());
		factory.setProxyTargetClass(true);
		factory.addAdvice(new NoopInterceptor());
		this.noop = (AsyncWork) factory.getProxy();
	}

}
