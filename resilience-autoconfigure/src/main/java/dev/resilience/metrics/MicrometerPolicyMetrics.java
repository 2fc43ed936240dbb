package dev.resilience.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.AttemptOutcome;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.PolicyMetrics;

/**
 * One policy's meters, registered with the policy so that dashboards see them at zero before the
 * first call. The success path records two timers held in fields; the failure path finds its
 * attempt timer in a bounded cache keyed by attempt, outcome and exception class, except a
 * rejection before the first attempt, frequent under an outage, which finds it in a field.
 * The {@code attempt} tag is capped at {@value #MAX_ATTEMPT_TAG}: later attempts are all
 * tagged {@code "10"}, so that a large or changed max-attempts cannot grow the meter count.
 * Thread-safe; never throws.
 */
final class MicrometerPolicyMetrics implements PolicyMetrics {

	static final String ATTEMPTS = "resilience.attempts";

	static final String CALLS = "resilience.calls";

	static final String BACKOFF = "resilience.backoff";

	static final String FALLBACKS = "resilience.fallbacks";

	/** Attempts from this one on share its tag value. */
	static final int MAX_ATTEMPT_TAG = 10;

	/** Beyond this many cached attempt timers, new exception classes are tagged {@code other}. */
	static final int MAX_ATTEMPT_TIMERS = 256;

	private static final String[] ATTEMPT_TAGS = new String[MAX_ATTEMPT_TAG + 1];

	static {
		for (int i = 1; i <= MAX_ATTEMPT_TAG; i++) {
			ATTEMPT_TAGS[i] = Integer.toString(i);
		}
	}

	private final MeterRegistry registry;

	private final String policy;

	private final CircuitBreakerMeters breaker;

	private final Timer firstAttemptSucceeded;

	/** By {@link CallOutcome#ordinal()}. */
	private final Timer[] calls = new Timer[CallOutcome.values().length];

	/** By {@link CallOutcome#ordinal()}; {@code null} for outcomes that are not failures. */
	private final Counter[] fallbacks = new Counter[CallOutcome.values().length];

	private final Timer backoff;

	/** The attempt timer of the last kind of rejection before a first attempt. */
	private volatile FirstRejection firstRejection;

	private final Map<AttemptKey, Timer> attempts = new ConcurrentHashMap<>();

	MicrometerPolicyMetrics(MeterRegistry registry, String policy, CircuitBreakerMeters breaker) {
		this.registry = registry;
		this.policy = policy;
		this.breaker = breaker;
		this.firstAttemptSucceeded = attemptTimer(1, AttemptOutcome.SUCCESS, "none");
		for (CallOutcome outcome : CallOutcome.values()) {
			this.calls[outcome.ordinal()] = callTimer(outcome);
		}
		for (CallOutcome cause : new CallOutcome[] { CallOutcome.EXHAUSTED, CallOutcome.ABORTED,
				CallOutcome.REJECTED }) {
			this.fallbacks[cause.ordinal()] = Counter.builder(FALLBACKS)
				.description("Fallbacks that replaced the failure of a call")
				.tag("policy", policy)
				.tag("cause", cause.tagValue())
				.register(registry);
		}
		this.backoff = Timer.builder(BACKOFF)
			.description("Backoff waits actually slept between attempts")
			.tag("policy", policy)
			.register(registry);
	}

	@Override
	public void firstAttemptSucceeded(long nanos) {
		this.firstAttemptSucceeded.record(nanos, TimeUnit.NANOSECONDS);
		this.calls[CallOutcome.SUCCESS.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void attempt(int attempt, AttemptOutcome outcome, Throwable failure, long nanos) {
		attemptTimer(attempt, outcome, failure).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void rejected(int attempt, RuntimeException rejection, long callNanos) {
		Timer attemptTimer;
		if (attempt == 1) {
			FirstRejection first = this.firstRejection;
			if (first == null || first.type() != rejection.getClass()) {
				first = new FirstRejection(rejection.getClass(), attemptTimer(1, AttemptOutcome.REJECTED, rejection));
				this.firstRejection = first;
			}
			attemptTimer = first.timer();
		}
		else {
			attemptTimer = attemptTimer(attempt, AttemptOutcome.REJECTED, rejection);
		}
		attemptTimer.record(0L, TimeUnit.NANOSECONDS);
		call(CallOutcome.REJECTED, callNanos);
	}

	@Override
	public void call(CallOutcome outcome, long nanos) {
		this.calls[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void backoff(long nanos) {
		this.backoff.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void fallback(CallOutcome cause) {
		Counter counter = this.fallbacks[cause.ordinal()];
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void transition(CircuitState from, CircuitState to) {
		this.breaker.transition(from, to);
	}

	private Timer attemptTimer(int attempt, AttemptOutcome outcome, Throwable failure) {
		int capped = Math.max(1, Math.min(attempt, MAX_ATTEMPT_TAG));
		Class<?> exception = (failure != null) ? failure.getClass() : null;
		AttemptKey key = new AttemptKey(capped, outcome, exception);
		Timer timer = this.attempts.get(key);
		if (timer == null) {
			if (this.attempts.size() >= MAX_ATTEMPT_TIMERS) {
				key = new AttemptKey(capped, outcome, Other.class);
			}
			timer = this.attempts.computeIfAbsent(key,
					(k) -> attemptTimer(k.attempt(), k.outcome(), exceptionTag(k.exception())));
		}
		return timer;
	}

	private Timer callTimer(CallOutcome outcome) {
		return Timer.builder(CALLS)
			.description("Calls under a resilience policy, backoff waits included")
			.tag("policy", this.policy)
			.tag("outcome", outcome.tagValue())
			.register(this.registry);
	}

	private Timer attemptTimer(int attempt, AttemptOutcome outcome, String exception) {
		return Timer.builder(ATTEMPTS)
			.description("Attempts of calls under a resilience policy, each through the circuit breaker")
			.tag("policy", this.policy)
			.tag("attempt", ATTEMPT_TAGS[attempt])
			.tag("outcome", outcome.tagValue())
			.tag("exception", exception)
			.register(this.registry);
	}

	/** The simple class name; for anonymous and local classes, the binary name without package. */
	static String exceptionTag(Class<?> exception) {
		if (exception == null) {
			return "none";
		}
		if (exception == Other.class) {
			return "other";
		}
		String simple = exception.getSimpleName();
		if (!simple.isEmpty()) {
			return simple;
		}
		String name = exception.getName();
		return name.substring(name.lastIndexOf('.') + 1);
	}

	/** The attempt timer of rejections of one exception class before a first attempt. */
	private record FirstRejection(Class<?> type, Timer timer) {
	}

	/** What identifies an attempt timer; {@code exception} is {@code null} on success. */
	private record AttemptKey(int attempt, AttemptOutcome outcome, Class<?> exception) {
	}

	/** Marks the shared timers of exception classes beyond the cache bound. */
	private static final class Other {

	}

}
