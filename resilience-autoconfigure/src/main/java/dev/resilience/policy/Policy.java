package dev.resilience.policy;

import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.classify.Classifier;
import dev.resilience.limit.PolicyLimits;
import dev.resilience.retry.RetryBudget;
import dev.resilience.retry.ServerPause;

/**
 * One named policy at run time: one downstream dependency, one circuit breaker, one set of
 * meters, shared by every method and programmatic call that names it. Thread-safe.
 */
public final class Policy {

	private final String name;

	private volatile boolean configured;

	private volatile PolicySettings settings;

	private final CircuitBreaker circuitBreaker;

	private volatile Classifier classifier;

	private final CallCounts counts = new CallCounts();

	private final RecentEvents events;

	private final RetryBudget retryBudget;

	private final ServerPause pause;

	private PolicyMetrics metrics = PolicyMetrics.NONE;

	private volatile boolean timesAttempts;

	private PolicyLimits limits;

	private volatile boolean used;

	private volatile boolean clientsBuilt;

	private final AtomicBoolean nestedCallWarned = new AtomicBoolean();

	private final AtomicBoolean transactionWarned = new AtomicBoolean();

	/**
	 * @param nanoClock the monotonic clock of the retry budget and the server pause (the
	 * executor's: {@code System::nanoTime} outside tests)
	 * @param clock the wall clock a pause's end is shown on
	 */
	Policy(String name, boolean configured, PolicySettings settings, CircuitBreaker circuitBreaker,
			Classifier classifier, RecentEvents events, LongSupplier nanoClock, Clock clock) {
		this.name = name;
		this.configured = configured;
		this.settings = settings;
		this.circuitBreaker = circuitBreaker;
		this.classifier = classifier;
		this.events = events;
		this.retryBudget = new RetryBudget(() -> this.counts.get(CallOutcome.SUCCESS), nanoClock);
		this.pause = new ServerPause(nanoClock, clock);
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

	/**
	 * Applies new settings as a whole (live configuration or the actuator): the breaker keeps its
	 * state and window ({@link CircuitBreaker#reconfigure}), the counts and meters stay.
	 * @param classifier the classifier of the new settings, or {@code null} when its lists did
	 * not change
	 */
	void apply(PolicySettings next, Classifier classifier, boolean configured) {
		this.circuitBreaker.reconfigure(next.circuitBreaker());
		if (classifier != null) {
			this.classifier = classifier;
		}
		this.configured = configured;
		this.timesAttempts = timesAttempts(this.metrics, next);
		this.settings = next;
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

	/** The policy's retry budget (§15), kept across run-time changes of its settings. */
	public RetryBudget retryBudget() {
		return this.retryBudget;
	}

	/** The policy's server-driven pause (§15). */
	public ServerPause pause() {
		return this.pause;
	}

	public PolicyMetrics metrics() {
		return this.metrics;
	}

	/** Set once by the registry right after creation, before the policy is published. */
	void bindMetrics(PolicyMetrics metrics) {
		this.metrics = metrics;
		this.timesAttempts = timesAttempts(metrics, this.settings);
	}

	private static boolean timesAttempts(PolicyMetrics metrics, PolicySettings settings) {
		return (metrics != PolicyMetrics.NONE) || settings.circuitBreaker().slowCallDurationThreshold() != null;
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

	/**
	 * Whether {@code Resilience.restClient} has built a client of this policy: only then can a call
	 * of the policy happen inside a call of itself, and only then do its calls mark the thread.
	 */
	boolean clientsBuilt() {
		return this.clientsBuilt;
	}

	/** Called when a client of the policy is built. */
	public void markClientsBuilt() {
		if (!this.clientsBuilt) {
			this.clientsBuilt = true;
		}
	}

	/** {@code true} the first time only: one WARN per policy for a call nested in itself. */
	boolean firstNestedCall() {
		return !this.nestedCallWarned.get() && this.nestedCallWarned.compareAndSet(false, true);
	}

	boolean warnedOfRetryInTransaction() {
		return this.transactionWarned.get();
	}

	/** {@code true} the first time only: one WARN per policy for a retry inside a transaction. */
	boolean firstRetryInTransaction() {
		return !this.transactionWarned.get() && this.transactionWarned.compareAndSet(false, true);
	}

	@Override
	public String toString() {
		return "Policy '" + this.name + "'";
	}

}
