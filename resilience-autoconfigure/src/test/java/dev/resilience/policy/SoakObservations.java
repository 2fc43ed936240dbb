package dev.resilience.policy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

import dev.resilience.CircuitOpenException;

/** What the soak's calling threads saw, call by call. Thread-safe. */
final class SoakObservations {

	private final LongAdder[] outcomes = new LongAdder[CallOutcome.values().length];

	private final int maxAttempts;

	private final List<String> surprises = new CopyOnWriteArrayList<>();

	private final Set<String> warningKinds = ConcurrentHashMap.newKeySet();

	private final AtomicInteger mostBufferedCalls = new AtomicInteger();

	SoakObservations(int maxAttempts) {
		this.maxAttempts = maxAttempts;
		for (int i = 0; i < this.outcomes.length; i++) {
			this.outcomes[i] = new LongAdder();
		}
	}

	/** The call returned after {@code attempts} attempts. */
	void returned(int attempts) {
		count((attempts == 1) ? CallOutcome.SUCCESS : CallOutcome.RECOVERED);
	}

	/**
	 * The call threw {@code failure} after {@code attempts} attempts reached the method.
	 * @return how it ended
	 */
	CallOutcome failed(RuntimeException failure, int attempts) {
		CallOutcome outcome;
		if (failure instanceof CircuitOpenException) {
			outcome = CallOutcome.REJECTED;
		}
		else if (failure instanceof HttpClientErrorException) {
			// A 400 ends the call at once, whichever attempt met it.
			outcome = CallOutcome.ABORTED;
			expect(attempts >= 1 && attempts <= this.maxAttempts, "aborted after " + attempts + " attempts", failure);
		}
		else if (failure instanceof RestClientException) {
			outcome = CallOutcome.EXHAUSTED;
			expect(attempts == this.maxAttempts, "exhausted after " + attempts + " attempts", failure);
		}
		else {
			expect(false, "unexpected failure", failure);
			return null;
		}
		if (outcome != CallOutcome.REJECTED) {
			// What the de-duplicated final-failure WARN is keyed by (the policy is always the same).
			this.warningKinds.add(outcome + " " + failure.getClass().getName());
		}
		count(outcome);
		return outcome;
	}

	void bufferedCalls(int calls) {
		this.mostBufferedCalls.accumulateAndGet(calls, Math::max);
	}


	long get(CallOutcome outcome) {
		return this.outcomes[outcome.ordinal()].sum();
	}

	long total() {
		long total = 0;
		for (LongAdder adder : this.outcomes) {
			total += adder.sum();
		}
		return total;
	}

	List<String> surprises() {
		return this.surprises;
	}

	/** Distinct (outcome, exception class) pairs of calls that finally failed and were not rejected. */
	Set<String> warningKinds() {
		return this.warningKinds;
	}

	int mostBufferedCalls() {
		return this.mostBufferedCalls.get();
	}

	private void count(CallOutcome outcome) {
		this.outcomes[outcome.ordinal()].increment();
	}

	private void expect(boolean condition, String problem, RuntimeException failure) {
		if (!condition && this.surprises.size() < 20) {
			this.surprises.add(problem + ": " + failure);
		}
	}

}
