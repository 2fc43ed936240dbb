package dev.resilience.policy;

import java.util.Set;

/**
 * Where policy settings come from: the auto-configuration maps {@code resilience.*} properties
 * through it, validating every key.
 */
public interface SettingsSource {

	/** Names under {@code resilience.policies}, as last read. */
	Set<String> configuredNames();

	/**
	 * Reads the configuration again (it changed): the names under {@code resilience.policies},
	 * and the defaults, validated.
	 * @throws InvalidSettingException naming the full key of the first broken rule of the
	 * defaults (nothing changes)
	 */
	default void reload() {
	}

	/**
	 * The effective settings of a policy: the defaults merged key by key with its own.
	 * @throws InvalidSettingException naming the full key of the first broken rule
	 */
	PolicySettings settings(String policy);

	/**
	 * One retry setting changed at run time: {@code key} relative to the policy (for example
	 * {@code retry.max-attempts}), {@code value} as written in {@code application.yml}. The policy
	 * is bound again as {@link #settings} binds it, with the change on top, and the change is kept
	 * for later bindings (live configuration included) until restart.
	 * @return the new settings; {@code current} is left as it is
	 * @throws InvalidSettingException for an unknown key or a value breaking a startup rule
	 */
	PolicySettings change(String policy, PolicySettings current, String key, String value);

}
