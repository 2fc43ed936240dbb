package dev.resilience.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.resilience.policy.InvalidSettingException;
import dev.resilience.policy.PolicySettings;
import dev.resilience.policy.SettingsSource;

/**
 * Settings from {@code resilience.*} properties. A policy's properties are bound in layers onto
 * one fresh object (the defaults, then its own keys, then run-time changes), which merges them
 * key by key with Spring Boot's own binder, durations and relaxed names included. Every binding,
 * at startup, on a configuration change and for a change through the actuator, takes this one
 * path.
 */
final class PropertiesSettingsSource implements SettingsSource {

	static final String DEFAULTS = "resilience.defaults";

	static final String POLICIES = "resilience.policies";

	/**
	 * Keys that may change at run time (under {@code retry.} and {@code timeout.}); not
	 * {@code retry.backoff.policy-bean}: a run-time change must not look up or create beans.
	 */
	static final Set<String> RUNTIME_KEYS = Set.of("retry.max-attempts", "retry.max-elapsed-time",
			"retry.max-retry-after", "retry.backoff.initial-interval", "retry.backoff.multiplier",
			"retry.backoff.max-interval", "retry.backoff.jitter", "retry.backoff.immediate-first-retry",
			"timeout.attempt", "timeout.total", "retry.budget.enabled", "retry.budget.ratio",
			"retry.budget.min-retries-per-second", "retry.budget.window", "retry.retry-after-scope");

	private static final Bindable<Map<String, PolicyProperties>> POLICY_MAP = Bindable.mapOf(String.class,
			PolicyProperties.class);

	private final Supplier<Binder> binders;

	private volatile Binder binder;

	private volatile Set<String> configuredNames;

	private final SettingsMapper mapper;

	private final Map<String, Map<String, String>> runtimeChanges = new ConcurrentHashMap<>();

	/**
	 * The settings of every policy that has no keys of its own: bound and checked once (again
	 * when the configuration changes), immutable.
	 */
	private volatile PolicySettings defaultSettings;

	/**
	 * @param binders a binder over the environment as it is now
	 * @param configuredNames the names under {@code resilience.policies} at startup
	 */
	PropertiesSettingsSource(Supplier<Binder> binders, Set<String> configuredNames, SettingsMapper mapper) {
		this.binders = binders;
		this.binder = binders.get();
		this.configuredNames = Set.copyOf(configuredNames);
		this.mapper = mapper;
		// Invalid defaults are reported under their own keys, before any policy inherits them.
		this.defaultSettings = mapper.map(DEFAULTS, defaults());
	}

	@Override
	public Set<String> configuredNames() {
		return this.configuredNames;
	}

	@Override
	public synchronized void reload() {
		Binder binder = this.binders.get();
		Set<String> names;
		PolicySettings defaultSettings;
		try {
			names = Set.copyOf(binder.bind(POLICIES, POLICY_MAP).orElseGet(Map::of).keySet());
			defaultSettings = this.mapper.map(DEFAULTS, defaults(binder));
		}
		catch (BindException ex) {
			throw bindFailure(ex);
		}
		this.binder = binder;
		this.defaultSettings = defaultSettings;
		this.configuredNames = names;
	}

	@Override
	public PolicySettings settings(String policy) {
		if (!this.configuredNames.contains(policy) && !this.runtimeChanges.containsKey(policy)) {
			return this.defaultSettings;
		}
		try {
			return this.mapper.map(prefixOf(policy),
					bound(policy, this.runtimeChanges.getOrDefault(policy, Map.of())));
		}
		catch (BindException ex) {
			throw bindFailure(ex);
		}
	}

	@Override
	public PolicySettings change(String policy, PolicySettings current, String key, String value) {
		String prefix = POLICIES + "." + policy;
		String fullKey = prefix + "." + key;
		if (!RUNTIME_KEYS.contains(key)) {
			throw new InvalidSettingException(fullKey, value, "is not a retry or timeout setting that can change at run time",
					"Use one of " + RUNTIME_KEYS.stream().sorted().toList() + ".");
		}
		Map<String, String> changes = new LinkedHashMap<>(this.runtimeChanges.getOrDefault(policy, Map.of()));
		changes.put(key, value);
		PolicyProperties properties;
		try {
			properties = bound(policy, changes);
		}
		catch (BindException ex) {
			throw new InvalidSettingException(fullKey, value, "cannot be converted: " + rootMessage(ex),
					"Write the value as in application.yml, for example 5, 0.5 or 200ms.");
		}
		// A run-time change is reported under the policy's own key, whether or not it is configured.
		PolicySettings changed = this.mapper.map(prefix, properties);
		this.runtimeChanges.put(policy, Map.copyOf(changes));
		return changed;
	}

	private PolicyProperties defaults() {
		return defaults(this.binder);
	}

	private static PolicyProperties defaults(Binder binder) {
		PolicyProperties properties = new PolicyProperties();
		binder.bind(DEFAULTS, Bindable.ofInstance(properties));
		return properties;
	}

	private PolicyProperties bound(String policy, Map<String, String> changes) {
		Binder binder = this.binder;
		PolicyProperties properties = defaults(binder);
		if (this.configuredNames.contains(policy)) {
			binder.bind(policyPrefix(policy), Bindable.ofInstance(properties));
		}
		if (!changes.isEmpty()) {
			new Binder(new MapConfigurationPropertySource(changes)).bind(ConfigurationPropertyName.EMPTY,
					Bindable.ofInstance(properties));
		}
		return properties;
	}

	/**
	 * The property name of a policy. A dashed name ({@code payment-gateway}) is one plain element:
	 * as an indexed one ({@code [payment-gateway]}) it would not match the keys written in
	 * {@code application.yml}. Names that are not a single valid element (dots, upper case) are
	 * indexed, as they must be written in the file ({@code "[a.b]"}).
	 */
	private static ConfigurationPropertyName policyPrefix(String policy) {
		ConfigurationPropertyName policies = ConfigurationPropertyName.of(POLICIES);
		if (policy.indexOf('.') < 0 && ConfigurationPropertyName.isValid(policy)) {
			return policies.append(policy);
		}
		return policies.append("[" + policy + "]");
	}

	/** Where a policy's keys live: its own prefix when configured, else the defaults. */
	String prefixOf(String policy) {
		return this.configuredNames.contains(policy) ? POLICIES + "." + policy : DEFAULTS;
	}

	private static InvalidSettingException bindFailure(BindException ex) {
		Object value = (ex.getProperty() != null) ? ex.getProperty().getValue() : "(unknown)";
		return new InvalidSettingException(ex.getName().toString(), value, "cannot be converted: " + rootMessage(ex),
				"Write the value as in application.yml, for example 5, 0.5 or 200ms.");
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getMessage();
	}

}
