package dev.resilience.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * One policy's settings, as bound from {@code resilience.defaults} or
 * {@code resilience.policies.<name>}. Mutable while binding; mapped once into immutable
 * settings.
 */
public class PolicyProperties {

	/**
	 * Whether the policy applies; false passes calls straight through (no retry, no breaker;
	 * calls are still counted).
	 */
	private boolean enabled = true;

	@NestedConfigurationProperty
	private final RetryProperties retry = new RetryProperties();

	@NestedConfigurationProperty
	private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

	@NestedConfigurationProperty
	private final ClassifierProperties classifier = new ClassifierProperties();

	private final Http http = new Http();

	private final Supervise supervise = new Supervise();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public RetryProperties getRetry() {
		return this.retry;
	}

	public CircuitBreakerProperties getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public ClassifierProperties getClassifier() {
		return this.classifier;
	}

	public Http getHttp() {
		return this.http;
	}

	public Supervise getSupervise() {
		return this.supervise;
	}

	public static class Http {

		/**
		 * Connect timeout of HTTP clients built for the policy.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Read timeout of HTTP clients built for the policy.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

	}

	public static class Supervise {

		/**
		 * A supervised connection that stayed up this long resets its consecutive-failure count.
		 */
		private Duration stableAfter = Duration.ofSeconds(30);

		public Duration getStableAfter() {
			return this.stableAfter;
		}

		public void setStableAfter(Duration stableAfter) {
			this.stableAfter = stableAfter;
		}

	}

}
