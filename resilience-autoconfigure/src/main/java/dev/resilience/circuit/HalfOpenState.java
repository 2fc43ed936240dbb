package dev.resilience.circuit;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Half-open: admits exactly {@code permittedCallsInHalfOpenState} trial calls, then, once all of
 * them have finished, closes the circuit (fresh window) or opens it again (new wait) on their
 * failure and slow-call rates. An ignored trial returns its permit, so another trial may take it.
 *
 * <p>Permits taken, trials finished, failures and slow calls live in one {@code AtomicLong}, four
 * 16-bit fields changed together by compare-and-set, so that no more permits than allowed are
 * ever out and exactly one thread sees the last trial finish. Results carry no token, so a late
 * result of a call admitted before the circuit went half-open counts as one of the trials; a
 * result arriving while no permit is out is dropped, so the finished trials never exceed the
 * permits taken. Thread-safe.
 */
final class HalfOpenState implements BreakerState {

	/** The most trial calls: a count must fit a 16-bit field. */
	static final int MAX_PERMITTED = 0xFFFF;

	private static final int FIELD_BITS = 16;

	private static final int TAKEN_SHIFT = 0;

	private static final int FINISHED_SHIFT = FIELD_BITS;

	private static final int FAILED_SHIFT = 2 * FIELD_BITS;

	private static final int SLOW_SHIFT = 3 * FIELD_BITS;

	private static final long TAKEN = 1L << TAKEN_SHIFT;

	private static final long FINISHED = 1L << FINISHED_SHIFT;

	private static final long FAILED = 1L << FAILED_SHIFT;

	private static final long SLOW = 1L << SLOW_SHIFT;

	private final CircuitBreaker breaker;

	private final int permitted;

	private final AtomicLong trials;

	/**
	 * @param breaker the breaker this state belongs to
	 * @param taken permits already taken on entry
	 */
	HalfOpenState(CircuitBreaker breaker, int taken) {
		this.breaker = breaker;
		this.permitted = breaker.config().permittedCallsInHalfOpenState();
		this.trials = new AtomicLong(taken * TAKEN);
	}

	@Override
	public CircuitState state() {
		return CircuitState.HALF_OPEN;
	}

	@Override
	public boolean tryAcquirePermission() {
		long current;
		do {
			current = this.trials.get();
			if (field(current, TAKEN_SHIFT) >= this.permitted) {
				return false;
			}
		}
		while (!this.trials.compareAndSet(current, current + TAKEN));
		return true;
	}

	@Override
	public void onResult(int outcome) {
		long increment = FINISHED + (Outcome.isFailed(outcome) ? FAILED : 0) + (Outcome.isSlow(outcome) ? SLOW : 0);
		long current;
		long next;
		do {
			current = this.trials.get();
			if (field(current, FINISHED_SHIFT) >= field(current, TAKEN_SHIFT)) {
				return;
			}
			next = current + increment;
		}
		while (!this.trials.compareAndSet(current, next));
		if (field(next, FINISHED_SHIFT) == this.permitted) {
			decide(totals(next));
		}
	}

	@Override
	public void onIgnored() {
		long current;
		do {
			current = this.trials.get();
			if (field(current, FINISHED_SHIFT) >= field(current, TAKEN_SHIFT)) {
				return;
			}
		}
		while (!this.trials.compareAndSet(current, current - TAKEN));
	}

	private void decide(WindowTotals trials) {
		boolean failing = this.breaker.thresholds().exceeded(trials.calls(), trials.failures(), trials.slowCalls());
		this.breaker.transition(this, failing ? new OpenState(this.breaker, trials) : new ClosedState(this.breaker));
	}

	@Override
	public Instant retryAt() {
		return this.breaker.clock().instant();
	}

	@Override
	public WindowTotals totals() {
		return totals(this.trials.get());
	}

	private static WindowTotals totals(long trials) {
		return new WindowTotals(field(trials, FINISHED_SHIFT), field(trials, FAILED_SHIFT), field(trials, SLOW_SHIFT));
	}

	private static int field(long trials, int shift) {
		return (int) ((trials >>> shift) & MAX_PERMITTED);
	}

}
