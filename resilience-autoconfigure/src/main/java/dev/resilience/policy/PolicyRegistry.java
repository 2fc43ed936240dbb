package dev.resilience.policy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.resilience.FailureClassifier;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.classify.Classifier;
import dev.resilience.limit.CallerContext;
import dev.resilience.limit.PolicyLimits;

/**
 * Every policy of the application by name. Configured policies are built (and validated) when
 * the registry is; others are built on defaults the first time they are used. Lookups by name
 * happen when methods are bound at startup and per programmatic call, never per annotated call.
 * Names first seen by a programmatic call are bounded ({@link #useAtRunTime}), so that names
 * built from request data cannot grow memory without bound.
 */
public final class PolicyRegistry implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger("dev.resilience.config");

	/** Default of {@code resilience.max-unconfigured-policies}. */
	public static final int DEFAULT_MAX_UNCONFIGURED = 1000;

	private static final String MAX_UNCONFIGURED_KEY = "resilience.max-unconfigured-policies";

	private final Map<String, Policy> policies = new ConcurrentHashMap<>();

	private final int maxUnconfigured;

	/** Policies created by {@link #useAtRunTime}; guarded by {@code this}. */
	private int unconfigured;

	private final SettingsSource source;

	private final List<FailureClassifier> classifiers;

	private final Clock clock;

	private final LongSupplier nanoClock;

	private final PolicyMetricsFactory metricsFactory;

	private final CallerContext callerContext = CallerContext.forClasspath();

	/**
	 * A registry whose breakers measure intervals on {@code clock} itself: for a clock that never
	 * steps, such as a test's that it moves by hand.
	 */
	public PolicyRegistry(SettingsSource source, List<FailureClassifier> classifiers, Clock clock,
			PolicyMetricsFactory metricsFactory) {
		this(source, classifiers, clock, () -> clock.millis() * 1_000_000L, metricsFactory);
	}

	/**
	 * @param clock the wall clock: dates ({@code Retry-After}, events, a circuit's retry-at)
	 * @param nanoClock monotonic nanoseconds ({@code System::nanoTime}): every interval
	 */
	public PolicyRegistry(SettingsSource source, List<FailureClassifier> classifiers, Clock clock,
			LongSupplier nanoClock, PolicyMetricsFactory metricsFactory) {
		this(source, classifiers, clock, nanoClock, metricsFactory, DEFAULT_MAX_UNCONFIGURED);
	}

	/**
	 * @param maxUnconfigured how many policies {@link #useAtRunTime} may create for names neither
	 * configured nor already used ({@code resilience.max-unconfigured-policies})
	 */
	public PolicyRegistry(SettingsSource source, List<FailureClassifier> classifiers, Clock clock,
			LongSupplier nanoClock, PolicyMetricsFactory metricsFactory, int maxUnconfigured) {
		this.maxUnconfigured = maxUnconfigured;
		this.source = source;
		this.classifiers = List.copyOf(classifiers);
		this.clock = clock;
		this.nanoClock = nanoClock;
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

	/**
	 * The policy of that name for a programmatic call, built on the defaults if it is new; marked
	 * used. At most {@code resilience.max-unconfigured-policies} policies are created this way.
	 * @throws IllegalStateException for a new name past that limit (nothing is created)
	 */
	public Policy useAtRunTime(String name) {
		Policy policy = this.policies.get(name);
		if (policy == null) {
			policy = createAtRunTime(name);
		}
		policy.markUsed();
		return policy;
	}

	private synchronized Policy createAtRunTime(String name) {
		Policy policy = this.policies.get(name);
		if (policy != null) {
			return policy;
		}
		if (this.unconfigured >= this.maxUnconfigured) {
			throw new IllegalStateException("Policy '" + name + "' is not configured and " + this.maxUnconfigured
					+ " policies first named at run time exist already (" + MAX_UNCONFIGURED_KEY + "="
					+ this.maxUnconfigured + "): configure it under resilience.policies, or do not build policy"
					+ " names from request data");
		}
		policy = this.policies.computeIfAbsent(name, this::create);
		this.unconfigured++;
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
					PolicySettings next = keepBulkhead(policy, this.source.settings(policy.name()));
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

	/** The bulkhead is built once with the policy: a change of its keys waits for a restart. */
	private static PolicySettings keepBulkhead(Policy policy, PolicySettings next) {
		if (next.bulkhead().equals(policy.settings().bulkhead())) {
			return next;
		}
		logger.warn("Policy '" + policy.name() + "': bulkhead.* keys changed; they take effect after a restart,"
				+ " the other changes apply now");
		return next.withBulkhead(policy.settings().bulkhead());
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
		CircuitBreaker breaker = new CircuitBreaker(name, settings.circuitBreaker(), this.clock, this.nanoClock,
				(policyName, from, to) -> {
					self[0].metrics().transition(from, to);
					self[0].events().circuitTransition(from, to);
				});
		Classifier classifier = new Classifier(name, settings.classifier(), this.classifiers, this.clock);
		Policy policy = new Policy(name, this.source.configuredNames().contains(name), settings, breaker, classifier,
				new RecentEvents(this.clock), System::nanoTime, this.clock);
		self[0] = policy;
		policy.bindLimits(new PolicyLimits(name, settings.bulkhead(), this.callerContext));
		policy.bindMetrics(this.metricsFactory.create(policy));
		return policy;
	}

	/** Interrupts time-limited attempts still running and ends their threads: the application closes. */
	@Override
	public void close() {
		for (Policy policy : this.policies.values()) {
			policy.limits().close();
		}
	}

}
