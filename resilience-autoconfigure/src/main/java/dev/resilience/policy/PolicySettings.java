package dev.resilience.policy;

import java.time.Duration;

import dev.resilience.circuit.CircuitBreakerConfig;
import dev.resilience.classify.ClassifierConfig;
import dev.resilience.retry.RetrySettings;

/**
 * A policy's effective settings (defaults merged with its own keys), validated and immutable.
 *
 * @param enabled {@code false}: calls pass straight through
 * @param retry retry and backoff; the only part changeable at run time
 * @param circuitBreaker the breaker's configuration
 * @param classifier the policy's classifier lists
 * @param http timeouts of HTTP clients built for the policy
 * @param stableAfter how long a supervised connection must stay up to reset its failure count
 */
public record PolicySettings(boolean enabled, RetrySettings retry, CircuitBreakerConfig circuitBreaker,
		ClassifierConfig classifier, HttpSettings http, Duration stableAfter) {

	public static PolicySettings defaults() {
		return new PolicySettings(true, RetrySettings.defaults(), CircuitBreakerConfig.defaults(),
				ClassifierConfig.empty(), HttpSettings.defaults(), Duration.ofSeconds(30));
	}

	public PolicySettings withRetry(RetrySettings retry) {
		return new PolicySettings(this.enabled, retry, this.circuitBreaker, this.classifier, this.http,
				this.stableAfter);
	}

}
