package dev.resilience.circuit;

import java.time.Instant;

/**
 * Closed: every call passes and its outcome goes into a fresh sliding window; the record that
 * makes the thresholds trip opens the circuit. The way through here is the hot path: no lock
 * (count-based window), no allocation.
 */
final class ClosedState implements BreakerState {

	private final CircuitBreaker breaker;

	private final SlidingWindow window;

	ClosedState(CircuitBreaker breaker) {
		this.breaker = breaker;
		this.window = SlidingWindow.of(breaker.config(), breaker::nanos);
	}

	@Override
	public CircuitState state() {
		return CircuitState.CLOSED;
	}

	@Override
	public boolean tryAcquirePermission() {
		return true;
	}

	@Override
	public void onResult(int outcome) {
		if (this.window.record(outcome, this.breaker.thresholds())) {
			this.breaker.transition(this, new OpenState(this.breaker, this.window.totals()));
		}
	}

	@Override
	public void onIgnored() {
	}

	@Override
	public Instant retryAt() {
		return this.breaker.clock().instant();
	}

	@Override
	public WindowTotals totals() {
		return this.window.totals();
	}

}
