package dev.resilience.policy;

import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.resilience.FailureClassifier;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.classify.Classifier;
import dev.resilience.limit.CallerContext;
import dev.resilience.limit.PolicyLimits;

/**
 * Every policy of the application by name. Configured policies are built (and validated) when
 * the registry is; others are built on defaults the first time they are used. Lookups by name
 * happen when methods are bound at startup and per programmatic call, never per annotated call.
 */
public final class PolicyRegistry implements AutoCloseable {

	private final Map<String, Policy> policies = new ConcurrentHashMap<>();

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
			policy.replaceSettings(this.source.change(policy.name(), policy.settings(), key, value));
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
