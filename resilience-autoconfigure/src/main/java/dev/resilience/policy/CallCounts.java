package dev.resilience.policy;

import java.util.concurrent.atomic.LongAdder;

/** Calls per outcome since startup, for the actuator; kept without a meter registry too. */
public final class CallCounts {

	private final LongAdder[] counts = new LongAdder[CallOutcome.values().length];

	CallCounts() {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] = new LongAdder();
		}
	}

	void increment(CallOutcome outcome) {
		this.counts[outcome.ordinal()].increment();
	}

	public long get(CallOutcome outcome) {
		return this.counts[outcome.ordinal()].sum();
	}

}
