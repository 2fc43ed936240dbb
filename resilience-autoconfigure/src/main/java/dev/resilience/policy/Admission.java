package dev.resilience.policy;

import dev.resilience.limit.Bulkhead;

/**
 * What an asynchronous call holds, or was refused, before its first attempt: a place of the
 * policy's bulkhead, held until the call's outcome, or why it is rejected without running (a full
 * bulkhead, a server's pause). Made only for calls that have either. Not thread-safe on its own:
 * its {@link AsyncCall}'s phase orders the steps.
 */
final class Admission {

	private Bulkhead place;

	private RuntimeException refusal;

	private String event;

	private String reason;

	/** Takes a place (waiting up to {@code bulkhead.max-wait}), or is refused when none is free. */
	static Admission place(Bulkhead bulkhead) {
		Admission admission = new Admission();
		if (bulkhead.tryAcquire()) {
			admission.place = bulkhead;
		}
		else {
			admission.refusal = bulkhead.full();
			admission.event = RecentEvents.BULKHEAD_FULL;
			admission.reason = "the bulkhead is full";
		}
		return admission;
	}

	/** Refused before the first attempt with {@code rejection}, for {@code reason}. */
	static Admission refused(RuntimeException rejection, String event, String reason) {
		Admission admission = new Admission();
		admission.refusal = rejection;
		admission.event = event;
		admission.reason = reason;
		return admission;
	}

	boolean refused() {
		return this.refusal != null;
	}

	/** Gives the place back, once. */
	void release() {
		Bulkhead held = this.place;
		if (held != null) {
			this.place = null;
			held.release();
		}
	}

	/** Records the refusal: the call ends {@code rejected} before its first attempt. */
	RuntimeException recordRefusal(Policy policy, CallTrace trace, EarlierFailures earlier, long callNanos) {
		CallRecords.rejected(policy, trace, 1, earlier, callNanos, this.refusal, this.event, this.reason);
		return this.refusal;
	}

}
