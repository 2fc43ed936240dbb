package dev.resilience.tracing;

import io.micrometer.observation.ObservationRegistry;

import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.AttemptOutcome;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.CallTrace;
import dev.resilience.policy.PolicyMetrics;

/** One policy's meters, and a trace started with each call. Thread-safe. */
final class TracedPolicyMetrics implements PolicyMetrics {

	private final String policy;

	private final ObservationRegistry registry;

	private final PolicyMetrics meters;

	TracedPolicyMetrics(String policy, ObservationRegistry registry, PolicyMetrics meters) {
		this.policy = policy;
		this.registry = registry;
		this.meters = meters;
	}

	@Override
	public CallTrace startCall() {
		return new ObservedCall(this.policy, this.registry);
	}

	@Override
	public void firstAttemptSucceeded(long nanos) {
		this.meters.firstAttemptSucceeded(nanos);
	}

	@Override
	public void attempt(int attempt, AttemptOutcome outcome, Throwable failure, long nanos) {
		this.meters.attempt(attempt, outcome, failure, nanos);
	}

	@Override
	public void call(CallOutcome outcome, long nanos) {
		this.meters.call(outcome, nanos);
	}

	@Override
	public void rejected(int attempt, RuntimeException rejection, long callNanos) {
		this.meters.rejected(attempt, rejection, callNanos);
	}

	@Override
	public void backoff(long nanos) {
		this.meters.backoff(nanos);
	}

	@Override
	public void fallback(CallOutcome cause) {
		this.meters.fallback(cause);
	}

	@Override
	public void transition(CircuitState from, CircuitState to) {
		this.meters.transition(from, to);
	}

}
