package dev.resilience.policy;

import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.classify.Classifier;
import dev.resilience.limit.PolicyLimits;

/**
 * One named policy at run time: one downstream dependency, one circuit breaker, one set of
 * meters, shared by every method and programmatic call that names it. Thread-safe.
 */
public final class Policy {

	private final String name;

	private final boolean configured;

	private volatile PolicySettings settings;

	private final CircuitBreaker circuitBreaker;

	private final Classifier classifier;

	private final CallCounts counts = new CallCounts();

	private final RecentEvents events;

	private PolicyMetrics metrics = PolicyMetrics.NONE;

	private boolean timesAttempts;

	private PolicyLimits limits;

	private volatile boolean used;

	Policy(String name, boolean configured, PolicySettings settings, CircuitBreaker circuitBreaker,
			Classifier classifier, RecentEvents events) {
		this.name = name;
		this.configured = configured;
		this.settings = settings;
		this.circuitBreaker = circuitBreaker;
		this.classifier = classifier;
		this.events = events;
	}

	public String name() {
		return this.name;
	}

	/** Whether the policy has its own keys under {@code resilience.policies}. */
	public boolean configured() {
		return this.configured;
	}

	/** The current settings; a run-time change replaces them as a whole. */
	public PolicySettings settings() {
		return this.settings;
	}

	void replaceSettings(PolicySettings settings) {
		this.settings = settings;
	}

	public CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	public Classifier classifier() {
		return this.classifier;
	}

	public CallCounts counts() {
		return this.counts;
	}

	/** The last events of the policy: failures, retries, transitions, rejections. */
	public RecentEvents events() {
		return this.events;
	}

	public PolicyMetrics metrics() {
		return this.metrics;
	}

	/** Set once by the registry right after creation, before the policy is published. */
	void bindMetrics(PolicyMetrics metrics) {
		this.metrics = metrics;
		this.timesAttempts = (metrics != PolicyMetrics.NONE)
				|| this.circuitBreaker.config().slowCallDurationThreshold() != null;
	}

	/** Its bulkhead and attempt threads. */
	public PolicyLimits limits() {
		return this.limits;
	}

	/** Set once by the registry right after creation, before the policy is published. */
	void bindLimits(PolicyLimits limits) {
		this.limits = limits;
	}

	/**
	 * Whether anything reads the duration of a successful attempt: meters, or a breaker that
	 * counts slow calls. When nothing does, the happy path saves a clock read (a failure still
	 * measures from the call's start, which is always read).
	 */
	boolean timesAttempts() {
		return this.timesAttempts;
	}

	/** Whether an annotation, a programmatic call, a client or a supervisor has used the policy. */
	public boolean used() {
		return this.used;
	}

	void markUsed() {
		if (!this.used) {
			this.used = true;
		}
	}

	@Override
	public String toString() {
		return "Policy '" + this.name + "'";
	}

}
