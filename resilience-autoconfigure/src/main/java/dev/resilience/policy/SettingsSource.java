package dev.resilience.policy;

import java.util.Set;

/**
 * Where policy settings come from: the auto-configuration maps {@code resilience.*} properties
 * through it, validating every key.
 */
public interface SettingsSource {

	/** Names under {@code resilience.policies}. */
	Set<String> configuredNames();

	/**
	 * The effective settings of a policy: the defaults merged key by key with its own.
	 * @throws InvalidSettingException naming the full key of the first broken rule
	 */
	PolicySettings settings(String policy);

	/**
	 * One retry setting changed at run time: {@code key} relative to the policy (for example
	 * {@code retry.max-attempts}), {@code value} as written in {@code application.yml}.
	 * @return the new settings; {@code current} is left as it is
	 * @throws InvalidSettingException for an unknown key or a value breaking a startup rule
	 */
	PolicySettings change(String policy, PolicySettings current, String key, String value);

}
