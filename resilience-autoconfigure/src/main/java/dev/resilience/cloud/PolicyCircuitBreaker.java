package dev.resilience.cloud;

import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;

import dev.resilience.Resilience;

/**
 * A Spring Cloud {@link CircuitBreaker} that runs each supplier through one policy, with
 * everything the policy does (retry, breaker, classification, meters, logs); the call's final
 * failure, whatever it is, goes to the fallback function. Thread-safe.
 */
final class PolicyCircuitBreaker implements CircuitBreaker {

	private final String policy;

	private final Resilience resilience;

	PolicyCircuitBreaker(String policy, Resilience resilience) {
		this.policy = policy;
		this.resilience = resilience;
	}

	/** The policy the supplier runs through. */
	String policy() {
		return this.policy;
	}

	@Override
	public <T> T run(Supplier<T> toRun, Function<Throwable, T> fallback) {
		try {
			return this.resilience.call(this.policy, toRun::get);
		}
		catch (Throwable ex) {
			return fallback.apply(ex);
		}
	}

	@Override
	public String toString() {
		return "PolicyCircuitBreaker '" + this.policy + "'";
	}

}
