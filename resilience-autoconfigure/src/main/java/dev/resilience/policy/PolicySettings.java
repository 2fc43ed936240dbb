package dev.resilience.policy;

import java.time.Duration;

import dev.resilience.circuit.CircuitBreakerConfig;
import dev.resilience.classify.ClassifierConfig;
import dev.resilience.limit.BulkheadSettings;
import dev.resilience.limit.TimeoutSettings;
import dev.resilience.retry.RetrySettings;

/**
 * A policy's effective settings (defaults merged with its own keys), validated and immutable.
 *
 * @param enabled {@code false}: calls pass straight through
 * @param retry retry and backoff; changeable at run time
 * @param circuitBreaker the breaker's configuration
 * @param classifier the policy's classifier lists
 * @param http timeouts of HTTP clients built for the policy
 * @param stableAfter how long a supervised connection must stay up to reset its failure count
 * @param timeout the attempt's and the call's time limits; changeable at run time
 * @param bulkhead the bound on calls in flight
 */
public record PolicySettings(boolean enabled, RetrySettings retry, CircuitBreakerConfig circuitBreaker,
		ClassifierConfig classifier, HttpSettings http, Duration stableAfter, TimeoutSettings timeout,
		BulkheadSettings bulkhead) {

	/** Settings without time limits or bulkhead. */
	public PolicySettings(boolean enabled, RetrySettings retry, CircuitBreakerConfig circuitBreaker,
			ClassifierConfig classifier, HttpSettings http, Duration stableAfter) {
		this(enabled, retry, circuitBreaker, classifier, http, stableAfter, TimeoutSettings.none(),
				BulkheadSettings.none());
	}

	public static PolicySettings defaults() {
		return new PolicySettings(true, RetrySettings.defaults(), CircuitBreakerConfig.defaults(),
				ClassifierConfig.empty(), HttpSettings.defaults(), Duration.ofSeconds(30));
	}

	/**
	 * Whether calls go through the bulkhead or run attempts off the caller's thread; without
	 * either, a call costs what it did before they existed.
	 */
	public boolean limited() {
		return this.timeout.limited() || this.bulkhead.bounded();
	}

	public PolicySettings withRetry(RetrySettings retry) {
		return new PolicySettings(this.enabled, retry, this.circuitBreaker, this.classifier, this.http,
				this.stableAfter, this.timeout, this.bulkhead);
	}

	public PolicySettings withTimeout(TimeoutSettings timeout) {
		return new PolicySettings(this.enabled, this.retry, this.circuitBreaker, this.classifier, this.http,
				this.stableAfter, timeout, this.bulkhead);
	}

	public PolicySettings withBulkhead(BulkheadSettings bulkhead) {
		return new PolicySettings(this.enabled, this.retry, this.circuitBreaker, this.classifier, this.http,
				this.stableAfter, this.timeout, bulkhead);
	}

}
