package dev.resilience.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ConfigurableApplicationContext;

/** Spring Framework 7's {@code @Retryable} in a context with {@code @EnableResilientMethods}. */
@State(Scope.Benchmark)
public class FrameworkRetrySubject {

	private ConfigurableApplicationContext context;

	FrameworkRetryWork work;

	@Setup
	public void setUp() {
		this.context = Contexts.start(FrameworkRetryConfiguration.class);
		this.work = this.context.getBean(FrameworkRetryWork.class);
	}

	@TearDown
	public void tearDown() {
		this.context.close();
	}

}
