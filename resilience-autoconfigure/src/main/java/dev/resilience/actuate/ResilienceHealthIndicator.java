package dev.resilience.actuate;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;

/**
 * Health {@code resilience}: each policy's circuit state in the details. An open or forced-open
 * circuit reports the configured status ({@code UP} by default: a dependency being down is not
 * this application being down); half-open counts as recovering, not open.
 */
public class ResilienceHealthIndicator extends AbstractHealthIndicator {

	private final PolicyRegistry registry;

	private final Status openCircuitStatus;

	/** @param openCircuitStatus the status while any circuit is open */
	public ResilienceHealthIndicator(PolicyRegistry registry, Status openCircuitStatus) {
		super("Resilience health check failed");
		this.registry = registry;
		this.openCircuitStatus = openCircuitStatus;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, String> circuits = new TreeMap<>();
		boolean open = false;
		for (Policy policy : this.registry.all()) {
			CircuitState state = policy.circuitBreaker().state();
			circuits.put(policy.name(), state.tagValue());
			open |= (state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN);
		}
		builder.status(open ? this.openCircuitStatus : Status.UP).withDetails(circuits);
	}

}
