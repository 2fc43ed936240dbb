package dev.resilience.sample.report;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Reads how many calls of a policy hold a bulkhead place the way monitoring does: from the
 * starter's {@code resilience.bulkhead.calls} gauge (abandoned attempts included).
 */
@Component
public class Bulkheads {

	private final ObjectProvider<MeterRegistry> registry;

	public Bulkheads(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	/** Calls of {@code policy} holding a place now, or {@code -1} when there are no meters. */
	public int calls(String policy) {
		MeterRegistry meters = this.registry.getIfAvailable();
		Gauge gauge = (meters != null) ? meters.find("resilience.bulkhead.calls").tag("policy", policy).gauge() : null;
		return (gauge != null) ? (int) gauge.value() : -1;
	}

}
