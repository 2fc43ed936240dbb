package dev.resilience.circuit;

import java.time.Clock;
import java.time.Instant;

/** Disabled (by configuration or by hand): permits every call and records nothing. */
final class DisabledState implements BreakerState {

	private final Clock clock;

	DisabledState(Clock clock) {
		this.clock = clock;
	}

	@Override
	public CircuitState state() {
		return CircuitState.DISABLED;
	}

	@Override
	public boolean tryAcquirePermission() {
		return true;
	}

	@Override
	public void onResult(int outcome) {
	}

	@Override
	public void onIgnored() {
	}

	@Override
	public Instant retryAt() {
		return this.clock.instant();
	}

	@Override
	public WindowTotals totals() {
		return WindowTotals.EMPTY;
	}

}
