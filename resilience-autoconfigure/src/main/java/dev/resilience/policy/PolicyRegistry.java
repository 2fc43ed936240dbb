package dev.resilience.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.resilience.FailureClassifier;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.classify.Classifier;

/**
 * Every policy of the application by name. Configured policies are built (and validated) when
 * the registry is; others are built on defaults the first time they are used. Lookups by name
 * happen when methods are bound at startup and per programmatic call, never per annotated call.
 */
public final class PolicyRegistry {

	private static final Logger logger = LoggerFactory.getLogger("dev.resilience.config");

	private final Map<String, Policy> policies = new ConcurrentHashMap<>();

	private final SettingsSource source;

	private final List<FailureClassifier> classifiers;

	private final Clock clock;

	private final PolicyMetricsFactory metricsFactory;

	public PolicyRegistry(SettingsSource source, List<FailureClassifier> classifiers, Clock clock,
			PolicyMetricsFactory metricsFactory) {
		this.source = source;
		this.classifiers = List.copyOf(classifiers);
		this.clock = clock;
		this.metricsFactory = metricsFactory;
		for (String name : source.configuredNames()) {
			this.policies.put(name, create(name));
		}
	}

	/** The policy of that name, built on the defaults if it is not configured; marked used. */
	public Policy use(String name) {
		Policy policy = this.policies.get(name);
		if (policy == null) {
			policy = this.policies.computeIfAbsent(name, this::create);
		}
		policy.markUsed();
		return policy;
	}

	/** The policy of that name, or {@code null}: never creates one. */
	public Policy find(String name) {
		return this.policies.get(name);
	}

	/** Every policy, configured or used. */
	public Collection<Policy> all() {
		return Collections.unmodifiableCollection(this.policies.values());
	}

	/**
	 * Changes one retry setting of an existing policy; calls that start afterwards see it.
	 * @throws InvalidSettingException for an unknown key or invalid value (nothing changes)
	 */
	public void change(Policy policy, String key, String value) {
		synchronized (policy) {
			apply(policy, this.source.change(policy.name(), policy.settings(), key, value), policy.configured());
		}
	}

	/**
	 * Binds every policy again from the configuration, which changed (live configuration), and
	 * validates it as at startup. A valid change applies to calls that start afterwards and keeps
	 * each circuit's state and window, the counts and the meters; an invalid one is logged at
	 * ERROR with the key and the rule, and that policy keeps its settings. A name newly
	 * configured under {@code resilience.policies} gets its policy.
	 * @return the names of the policies whose settings changed
	 */
	public List<String> refresh() {
		try {
			this.source.reload();
		}
		catch (InvalidSettingException ex) {
			logRejected(ex);
			return List.of();
		}
		Set<String> configured = this.source.configuredNames();
		List<String> changed = new ArrayList<>();
		for (String name : configured) {
			if (!this.policies.containsKey(name)) {
				try {
					this.policies.computeIfAbsent(name, this::create);
					changed.add(name);
				}
				catch (InvalidSettingException ex) {
					logRejected(ex);
				}
			}
		}
		for (Policy policy : this.policies.values()) {
			synchronized (policy) {
				try {
					PolicySettings next = this.source.settings(policy.name());
					boolean nowConfigured = configured.contains(policy.name());
					if (!next.equals(policy.settings()) || nowConfigured != policy.configured()) {
						apply(policy, next, nowConfigured);
						if (!changed.contains(policy.name())) {
							changed.add(policy.name());
						}
					}
				}
				catch (InvalidSettingException | IllegalArgumentException ex) {
					logRejected(ex);
				}
			}
		}
		if (!changed.isEmpty()) {
			logger.info("Configuration changed: policies " + changed + " bound again");
		}
		return changed;
	}

	private void apply(Policy policy, PolicySettings next, boolean configured) {
		PolicySettings current = policy.settings();
		Classifier classifier = next.classifier().equals(current.classifier()) ? null
				: new Classifier(policy.name(), next.classifier(), this.classifiers, this.clock);
		policy.apply(next, classifier, configured);
	}

	private static void logRejected(RuntimeException ex) {
		if (ex instanceof InvalidSettingException invalid) {
			logger.error("Configuration change rejected: " + invalid.getKey() + "=" + invalid.getValue() + " "
					+ invalid.getRule() + "; the policy keeps its settings. " + invalid.getAction());
		}
		else {
			logger.error("Configuration change rejected: " + ex.getMessage() + "; the policy keeps its settings");
		}
	}

	private Policy create(String name) {
		PolicySettings settings = this.source.settings(name);
		Policy[] self = new Policy[1];
		CircuitBreaker breaker = new CircuitBreaker(name, settings.circuitBreaker(), this.clock,
				(policyName, from, to) -> {
					self[0].metrics().transition(from, to);
					self[0].events().circuitTransition(from, to);
				});
		Classifier classifier = new Classifier(name, settings.classifier(), this.classifiers, this.clock);
		Policy policy = new Policy(name, this.source.configuredNames().contains(name), settings, breaker, classifier,
				new RecentEvents(this.clock));
		self[0] = policy;
		policy.bindMetrics(this.metricsFactory.create(policy));
		return policy;
	}

}
