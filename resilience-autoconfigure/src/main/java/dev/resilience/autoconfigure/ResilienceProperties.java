package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the resilience starter. {@code defaults} applies to every policy; each entry
 * of {@code policies} has the same shape and overrides the defaults key by key.
 */
@ConfigurationProperties("resilience")
public class ResilienceProperties {

	/**
	 * Master switch: false leaves @Resilient methods unproxied and policies unused.
	 */
	private boolean enabled = true;

	/**
	 * Settings every policy starts from.
	 */
	@NestedConfigurationProperty
	private PolicyProperties defaults = new PolicyProperties();

	/**
	 * Policies by name (one per downstream dependency); each key overrides the same key of
	 * the defaults.
	 */
	private Map<String, PolicyProperties> policies = new LinkedHashMap<>();

	/**
	 * How many policies may be created for names first seen at run time (programmatic calls
	 * naming a policy that is neither configured nor named by an annotation); past it such calls
	 * fail with an IllegalStateException without running the work.
	 */
	private int maxUnconfiguredPolicies = 1000;

	private final Logging logging = new Logging();

	private final Health health = new Health();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public PolicyProperties getDefaults() {
		return this.defaults;
	}

	public void setDefaults(PolicyProperties defaults) {
		this.defaults = defaults;
	}

	public Map<String, PolicyProperties> getPolicies() {
		return this.policies;
	}

	public void setPolicies(Map<String, PolicyProperties> policies) {
		this.policies = policies;
	}

	public int getMaxUnconfiguredPolicies() {
		return this.maxUnconfiguredPolicies;
	}

	public void setMaxUnconfiguredPolicies(int maxUnconfiguredPolicies) {
		this.maxUnconfiguredPolicies = maxUnconfiguredPolicies;
	}

	public Logging getLogging() {
		return this.logging;
	}

	public Health getHealth() {
		return this.health;
	}

	public static class Logging {

		/**
		 * Identical warnings (same policy, outcome and exception class) are written at most once
		 * per this interval; the next one says how many were suppressed.
		 */
		private Duration repeatInterval = Duration.ofSeconds(30);

		public Duration getRepeatInterval() {
			return this.repeatInterval;
		}

		public void setRepeatInterval(Duration repeatInterval) {
			this.repeatInterval = repeatInterval;
		}

	}

	public static class Health {

		/**
		 * Health status reported while a circuit is open (for example DOWN or
		 * OUT_OF_SERVICE); UP keeps an open circuit from failing the application's health.
		 */
		private String openCircuitStatus = "UP";

		public String getOpenCircuitStatus() {
			return this.openCircuitStatus;
		}

		public void setOpenCircuitStatus(String openCircuitStatus) {
			this.openCircuitStatus = openCircuitStatus;
		}

	}

}
