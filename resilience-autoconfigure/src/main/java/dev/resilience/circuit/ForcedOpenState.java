package dev.resilience.circuit;

import java.time.Instant;
import java.util.function.Supplier;

/** Forced open by hand: rejects every call and records nothing until moved again. */
final class ForcedOpenState implements BreakerState {

	/** Forced open: only a manual move will tell. */
	private static final Supplier<Instant> NEVER = () -> null;

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
	public Supplier<Instant> retryTime() {
		return NEVER;
	}

	@Override
	public WindowTotals totals() {
		return WindowTotals.EMPTY;
	}

}
