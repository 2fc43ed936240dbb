package dev.resilience.circuit;

import java.time.Instant;

/** Forced open by hand: rejects every call and records nothing until moved again. */
final class ForcedOpenState implements BreakerState {

	@Override
	public CircuitState state() {
		return CircuitState.FORCED_OPEN;
	}

	@Override
	public boolean tryAcquirePermission() {
		return false;
	}

	@Override
	public void onResult(int outcome) {
	}

	@Override
	public void onIgnored() {
	}

	@Override
	public Instant retryAt() {
		return null;
	}

	@Override
	public WindowTotals totals() {
		return WindowTotals.EMPTY;
	}

}
