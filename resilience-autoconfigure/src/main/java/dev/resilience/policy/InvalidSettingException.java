package dev.resilience.policy;

/**
 * A setting that breaks a rule: names the full property key, the value, the rule and how to fix
 * it. Thrown at startup (reported by a failure analyzer) and for run-time changes.
 */
public class InvalidSettingException extends RuntimeException {

	private final String key;

	private final String value;

	private final String rule;

	private final String action;

	public InvalidSettingException(String key, Object value, String rule, String action) {
		super("Invalid value '" + value + "' for '" + key + "': " + rule);
		this.key = key;
		this.value = String.valueOf(value);
		this.rule = rule;
		this.action = action;
	}

	/** The full property key, for example {@code resilience.policies.payments.retry.backoff.jitter}. */
	public String getKey() {
		return this.key;
	}

	public String getValue() {
		return this.value;
	}

	public String getRule() {
		return this.rule;
	}

	/** How to fix it. */
	public String getAction() {
		return this.action;
	}

}
