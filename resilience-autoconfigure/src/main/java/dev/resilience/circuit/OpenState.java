package dev.resilience.circuit;

import java.time.Instant;

/**
 * Open: rejects calls until the wait in open state has passed; the first call after it moves
 * the circuit to half-open and is its first trial. Late results of calls admitted earlier are
 * dropped. Reports the totals that opened it.
 */
final class OpenState implements BreakerState {

	private final CircuitBreaker breaker;

	private final WindowTotals totals;

	private final Instant retryAt;

	/** {@link #retryAt} in epoch millis, rounded up, so the check needs no {@code Instant}. */
	private final long retryAtMillis;

	OpenState(CircuitBreaker breaker, WindowTotals totals) {
		this.breaker = breaker;
		this.totals = totals;
		this.retryAt = breaker.clock().instant().plus(breaker.config().waitDurationInOpenState());
		this.retryAtMillis = this.retryAt.toEpochMilli() + ((this.retryAt.getNano() % 1_000_000 != 0) ? 1 : 0);
	}

	@Override
	public CircuitState state() {
		return CircuitState.OPEN;
	}

	@Override
	public boolean tryAcquirePermission() {
		if (this.breaker.clock().millis() < this.retryAtMillis) {
			return false;
		}
		// The half-open state is born with this call's permit taken, so no other thread can
		// take the last permit between the move and this call.
		if (this.breaker.transition(this, new HalfOpenState(this.breaker, 1))) {
			return true;
		}
		return this.breaker.tryAcquirePermission();
	}

	@Override
	public void onResult(int outcome) {
	}

	@Override
	public void onIgnored() {
	}

	@Override
	public Instant retryAt() {
		return this.retryAt;
	}

	@Override
	public WindowTotals totals() {
		return this.totals;
	}

}
