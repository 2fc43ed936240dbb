package dev.resilience.autoconfigure;

import java.time.Duration;

import dev.resilience.retry.RetryAfterScope;

/** {@code retry.*} keys of a policy. */
public class RetryProperties {

	/**
	 * Total attempts, the first included; 1 means no retry.
	 */
	private int maxAttempts = 3;

	/**
	 * Stop retrying when the next wait would end past this time since the call began; unset
	 * means no limit.
	 */
	private Duration maxElapsedTime;

	/**
	 * A server's Retry-After longer than this (or past max-elapsed-time) ends the call at once
	 * instead of waiting.
	 */
	private Duration maxRetryAfter = Duration.ofSeconds(30);

	/**
	 * What a server's Retry-After (on a 429 or 503) holds back: 'policy' pauses the whole
	 * policy until then (new calls are rejected, other calls' retries wait), 'call' makes only
	 * the call that received it wait.
	 */
	private RetryAfterScope retryAfterScope = RetryAfterScope.POLICY;

	private final Backoff backoff = new Backoff();

	private final Budget budget = new Budget();

	public RetryAfterScope getRetryAfterScope() {
		return this.retryAfterScope;
	}

	public void setRetryAfterScope(RetryAfterScope retryAfterScope) {
		this.retryAfterScope = retryAfterScope;
	}

	public Budget getBudget() {
		return this.budget;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getMaxElapsedTime() {
		return this.maxElapsedTime;
	}

	public void setMaxElapsedTime(Duration maxElapsedTime) {
		this.maxElapsedTime = maxElapsedTime;
	}

	public Duration getMaxRetryAfter() {
		return this.maxRetryAfter;
	}

	public void setMaxRetryAfter(Duration maxRetryAfter) {
		this.maxRetryAfter = maxRetryAfter;
	}

	public Backoff getBackoff() {
		return this.backoff;
	}

	public static class Backoff {

		/**
		 * Wait before the first retry.
		 */
		private Duration initialInterval = Duration.ofMillis(100);

		/**
		 * Growth of the wait per retry: wait n = initial-interval × multiplier^(n−1); 1.0 is a
		 * fixed interval.
		 */
		private double multiplier = 2.0;

		/**
		 * Cap on a single wait.
		 */
		private Duration maxInterval = Duration.ofSeconds(10);

		/**
		 * Randomization factor j in [0,1]: with c = min(d, max-interval), a wait d is drawn
		 * uniformly from [c·(1−j), min(c·(1+j), max-interval)], so capped waits stay spread below
		 * the cap; 0 disables jitter.
		 */
		private double jitter = 0.5;

		/**
		 * Whether the first retry happens at once; later ones back off from the initial interval.
		 */
		private boolean immediateFirstRetry = false;

		/**
		 * Name of a Spring Retry BackOffPolicy bean to use instead of the exponential backoff.
		 */
		private String policyBean;

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public boolean isImmediateFirstRetry() {
			return this.immediateFirstRetry;
		}

		public void setImmediateFirstRetry(boolean immediateFirstRetry) {
			this.immediateFirstRetry = immediateFirstRetry;
		}

		public String getPolicyBean() {
			return this.policyBean;
		}

		public void setPolicyBean(String policyBean) {
			this.policyBean = policyBean;
		}

	}

	/** {@code retry.budget.*}: the policy's retry budget. */
	public static class Budget {

		/**
		 * Whether retries of the policy are limited by a budget: over any window, at most ratio ×
		 * the calls started in it plus min-retries-per-second × its seconds.
		 */
		private boolean enabled = true;

		/**
		 * The share of the calls started in the window that retries may add, in (0,1].
		 */
		private double ratio = 0.2;

		/**
		 * Retries always allowed, whatever the traffic, so that quiet policies are never
		 * affected.
		 */
		private double minRetriesPerSecond = 10;

		/**
		 * The window over which calls and retries are counted.
		 */
		private Duration window = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getRatio() {
			return this.ratio;
		}

		public void setRatio(double ratio) {
			this.ratio = ratio;
		}

		public double getMinRetriesPerSecond() {
			return this.minRetriesPerSecond;
		}

		public void setMinRetriesPerSecond(double minRetriesPerSecond) {
			this.minRetriesPerSecond = minRetriesPerSecond;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

	}

}
