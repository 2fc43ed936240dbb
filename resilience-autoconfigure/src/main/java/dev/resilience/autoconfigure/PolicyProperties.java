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

	private final Timeout timeout = new Timeout();

	private final Bulkhead bulkhead = new Bulkhead();

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

	public Timeout getTimeout() {
		return this.timeout;
	}

	public Bulkhead getBulkhead() {
		return this.bulkhead;
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

	public static class Timeout {

		/**
		 * The longest one attempt may run; the caller is released when it passes, whatever the
		 * attempt is blocked on, and the attempt is interrupted. Unset means no limit; with a
		 * limit, attempts run on the starter's threads.
		 */
		private Duration attempt;

		/**
		 * The longest the whole call may run, waits included; when it passes, the call ends at
		 * once. Unset means no limit.
		 */
		private Duration total;

		public Duration getAttempt() {
			return this.attempt;
		}

		public void setAttempt(Duration attempt) {
			this.attempt = attempt;
		}

		public Duration getTotal() {
			return this.total;
		}

		public void setTotal(Duration total) {
			this.total = total;
		}

	}

	public static class Bulkhead {

		/**
		 * At most this many calls of the policy at once, abandoned time-limited attempts
		 * included. Unset means unbounded.
		 */
		private Integer maxConcurrentCalls;

		/**
		 * How long a call may wait for a place before it is rejected; 0 means not at all.
		 */
		private Duration maxWait = Duration.ofMillis(0);

		public Integer getMaxConcurrentCalls() {
			return this.maxConcurrentCalls;
		}

		public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
			this.maxConcurrentCalls = maxConcurrentCalls;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

	}

}
