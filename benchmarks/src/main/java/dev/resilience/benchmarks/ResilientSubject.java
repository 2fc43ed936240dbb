package dev.resilience.benchmarks;

import java.util.concurrent.Callable;

import io.micrometer.core.instrument.MeterRegistry;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ConfigurableApplicationContext;

import dev.resilience.Resilience;
import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.PolicyRegistry;

/** Our starter in a context of {@link #configuration()}; the policy {@code rejecting} forced open. */
@State(Scope.Benchmark)
public class ResilientSubject {

	private ConfigurableApplicationContext context;

	ResilientWork work;

	ResilientAsyncWork asyncWork;

	Resilience resilience;

	Callable<String> call;

	Callable<String> flaky;

	@Setup
	public void setUp() {
		this.context = Contexts.start(configuration(), properties());
		this.work = this.context.getBean(ResilientWork.class);
		this.asyncWork = this.context.getBean(ResilientAsyncWork.class);
		this.resilience = this.context.getBean(Resilience.class);
		Work plain = new Work();
		this.call = plain::call;
		this.flaky = plain::flaky;
		this.context.getBean(PolicyRegistry.class)
			.find("rejecting")
			.circuitBreaker()
			.transitionTo(CircuitState.FORCED_OPEN);
		check(this.context);
	}

	/** Fails the setup if the context is not what the subject claims to measure. */
	void check(ConfigurableApplicationContext context) {
		if (context.getBeanProvider(MeterRegistry.class).getIfAvailable() != null) {
			throw new IllegalStateException("Expected no meter registry");
		}
	}

	/** Properties of the context, beyond those every benchmark context has. */
	String[] properties() {
		return new String[0];
	}

	/** The context to measure: without a meter registry here. */
	Class<?> configuration() {
		return ResilientConfiguration.class;
	}

	@TearDown
	public void tearDown() {
		this.context.close();
	}

}
