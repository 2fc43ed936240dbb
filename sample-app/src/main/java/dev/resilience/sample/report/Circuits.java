package dev.resilience.sample.report;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads a policy's circuit state the way monitoring does: from the starter's
 * {@code resilience.circuitbreaker.state} gauge.
 */
@Component
public class Circuits {

	private final ObjectProvider<MeterRegistry> registry;

	public Circuits(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	/** The circuit state of {@code policy} ({@code closed}, {@code open}…), or {@code unknown}. */
	public String state(String policy) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters == null) {
			return "unknown";
		}
		for (Gauge gauge : meters.find("resilience.circuitbreaker.state").tag("policy", policy).gauges()) {
			if (gauge.value() == 1.0) {
				return gauge.getId().getTag("state");
			}
		}
		return "unknown";
	}

}
