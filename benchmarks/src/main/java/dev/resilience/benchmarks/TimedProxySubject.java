package dev.resilience.benchmarks;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.aop.framework.ProxyFactory;

/** The metrics floor: {@link Work} behind a CGLIB proxy whose interceptor records two timers. */
@State(Scope.Benchmark)
public class TimedProxySubject {

	@Param({ Registries.SIMPLE, Registries.PROMETHEUS })
	public String registry;

	Work timed;

	@Setup
	public void setUp() {
		ProxyFactory factory = new ProxyFactory(new Work());
		factory.setProxyTargetClass(true);
		factory.addAdvice(new TimingInterceptor(Registries.create(this.registry)));
		this.timed = (Work) factory.getProxy();
	}

}
