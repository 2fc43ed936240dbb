package dev.resilience.policy;

import java.util.Set;

/** Every policy on the same fixed settings, none configured by name; for registries built by hand in tests. */
public record FixedSettingsSource(PolicySettings settings) implements SettingsSource {

	@Override
	public Set<String> configuredNames() {
		return Set.of();
	}

	@Override
	public PolicySettings settings(String policy) {
		return this.settings;
	}

	@Override
	public PolicySettings change(String policy, PolicySettings current, String key, String value) {
		throw new UnsupportedOperationException("Fixed settings do not change");
	}

}
