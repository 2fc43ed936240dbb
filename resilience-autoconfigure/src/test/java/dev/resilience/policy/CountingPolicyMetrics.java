package dev.resilience.policy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link PolicyMetricsFactory} that counts what the executor reports, for every policy
 * together: attempts by outcome, retries (attempts after the first), calls by outcome, waits.
 * Thread-safe; what the meters would see, without a meter registry.
 */
public final class CountingPolicyMetrics implements PolicyMetricsFactory, PolicyMetrics {

	private final LongAdder[] attempts = adders(AttemptOutcome.values().length);

	private final LongAdder[] calls = adders(CallOutcome.values().length);

	private final LongAdder retries = new LongAdder();

	private final LongAdder backoffs = new LongAdder();

	private final LongAdder fallbacks = new LongAdder();

	private final AtomicInteger highestAttempt = new AtomicInteger();

	@Override
	public PolicyMetrics create(Policy policy) {
		return this;
	}

	@Override
	public void firstAttemptSucceeded(long nanos) {
		this.attempts[AttemptOutcome.SUCCESS.ordinal()].increment();
		this.calls[CallOutcome.SUCCESS.ordinal()].increment();
		this.highestAttempt.accumulateAndGet(1, Math::max);
	}

	@Override
	public void attempt(int attempt, AttemptOutcome outcome, Throwable failure, long nanos) {
		this.attempts[outcome.ordinal()].increment();
		if (attempt > 1) {
			this.retries.increment();
		}
		this.highestAttempt.accumulateAndGet(attempt, Math::max);
	}

	@Override
	public void call(CallOutcome outcome, long nanos) {
		this.calls[outcome.ordinal()].increment();
	}

	@Override
	public void fallback(CallOutcome cause) {
		this.fallbacks.increment();
	}

	/** Fallbacks reported as having replaced a failure. */
	public long fallbacks() {
		return this.fallbacks.sum();
	}

	@Override
	public void backoff(long nanos) {
		this.backoffs.increment();
	}

	/** Attempts reported with this outcome (a first attempt that succeeded included). */
	public long attempts(AttemptOutcome outcome) {
		return this.attempts[outcome.ordinal()].sum();
	}

	/** Every attempt reported, rejected ones included. */
	public long attempts() {
		long total = 0;
		for (LongAdder adder : this.attempts) {
			total += adder.sum();
		}
		return total;
	}

	public long calls(CallOutcome outcome) {
		return this.calls[outcome.ordinal()].sum();
	}

	/** Attempts numbered 2 or more: each must have been preceded by a wait. */
	public long retries() {
		return this.retries.sum();
	}

	public long backoffs() {
		return this.backoffs.sum();
	}

	/** The highest attempt number reported. */
	public int highestAttempt() {
		return this.highestAttempt.get();
	}

	private static LongAdder[] adders(int count) {
		LongAdder[] adders = new LongAdder[count];
		for (int i = 0; i < count; i++) {
			adders[i] = new LongAdder();
		}
		return adders;
	}

}
