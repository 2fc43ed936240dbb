package dev.resilience.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import org.springframework.context.ConfigurableApplicationContext;

/** Our starter with meters: the same subject as {@link ResilientSubject} plus a meter registry. */
@State(Scope.Benchmark)
public class ResilientMetricsSubject extends ResilientSubject {

	@Param({ Registries.SIMPLE, Registries.PROMETHEUS })
	public String registry;

	@Override
	String[] properties() {
		return new String[] { "bench.registry=" + this.registry };
	}

	@Override
	Class<?> configuration() {
		return ResilientMetricsConfiguration.class;
	}

	@Override
	void check(ConfigurableApplicationContext context) {
		if (context.getBean(MeterRegistry.class).find("resilience.calls").tag("policy", "bench").timer() == null) {
			throw new IllegalStateException("Expected the meters of policy 'bench'");
		}
	}

}
