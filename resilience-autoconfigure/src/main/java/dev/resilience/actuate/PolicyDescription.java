package dev.resilience.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.CallCounts;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.Policy;
import dev.resilience.retry.BudgetSettings;

/** One policy as the endpoint shows it: effective configuration, circuit, call counts. */
final class PolicyDescription {

	private PolicyDescription() {
	}

	static Map<String, Object> of(Policy policy) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("config", SettingsDescription.of(policy.settings()));
		description.put("circuit", circuit(policy.circuitBreaker()));
		description.put("calls", calls(policy.counts()));
		Map<String, Object> bulkhead = new LinkedHashMap<>();
		bulkhead.put("max-concurrent-calls", policy.settings().bulkhead().maxConcurrentCalls());
		bulkhead.put("calls", policy.limits().callsHoldingAPlace());
		description.put("bulkhead", bulkhead);
		description.put("retry-budget", retryBudget(policy));
		Instant pausedUntil = policy.pause().pausedUntil();
		description.put("paused-until", (pausedUntil != null) ? pausedUntil.toString() : null);
		return description;
	}

	private static Map<String, Object> circuit(CircuitBreaker breaker) {
		CircuitState state = breaker.state();
		Map<String, Object> circuit = new LinkedHashMap<>();
		circuit.put("state", state.tagValue());
		circuit.put("failure-rate", breaker.failureRate());
		circuit.put("slow-call-rate", breaker.slowCallRate());
		circuit.put("buffered-calls", breaker.bufferedCalls());
		// Only an open circuit has a meaningful next time; the breaker answers "now" otherwise.
		Instant retryAt = (state == CircuitState.OPEN) ? breaker.retryAt() : null;
		circuit.put("retry-at", (retryAt != null) ? retryAt.toString() : null);
		return circuit;
	}

	private static Map<String, Object> retryBudget(Policy policy) {
		BudgetSettings settings = policy.settings().retry().budget();
		Map<String, Object> budget = new LinkedHashMap<>();
		budget.put("enabled", settings.enabled());
		budget.put("available", policy.retryBudget().available(settings));
		budget.put("refused", policy.retryBudget().refused());
		return budget;
	}

	private static Map<String, Object> calls(CallCounts counts) {
		Map<String, Object> calls = new LinkedHashMap<>();
		for (CallOutcome outcome : CallOutcome.values()) {
			calls.put(outcome.tagValue(), counts.get(outcome));
		}
		return calls;
	}

}
