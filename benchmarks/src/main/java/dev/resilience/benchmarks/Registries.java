package dev.resilience.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The meter registries the benchmarks run on: Micrometer's simple one, and Prometheus, which users run. */
final class Registries {

	static final String SIMPLE = "simple";

	static final String PROMETHEUS = "prometheus";

	private Registries() {
	}

	static MeterRegistry create(String kind) {
		return switch (kind) {
			case SIMPLE -> new SimpleMeterRegistry();
			case PROMETHEUS -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
			default -> throw new IllegalArgumentException("Unknown registry '" + kind + "'");
		};
	}

}
