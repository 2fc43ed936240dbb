package dev.resilience.circuit;

import java.util.Set;

import dev.resilience.policy.PolicySettings;
import dev.resilience.policy.SettingsSource;

/** One configured policy with fixed settings, for a registry built by hand; no run-time changes. */
final class FixedSettings implements SettingsSource {

	private final String policy;

	private final PolicySettings settings;

	FixedSettings(String policy, PolicySettings settings) {
		this.policy = policy;
		this.settings = settings;
	}

	@Override
	public Set<String> configuredNames() {
		return Set.of(this.policy);
	}

	@Override
	public PolicySettings settings(String name) {
		return name.equals(this.policy) ? this.settings : PolicySettings.defaults();
	}

	@Override
	public PolicySettings change(String name, PolicySettings current, String key, String value) {
		throw new UnsupportedOperationException("Fixed settings do not change");
	}

}
