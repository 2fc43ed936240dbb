package dev.resilience.circuit;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * One state of a {@link CircuitBreaker}: immutable apart from its own counters, swapped as a
 * whole in the breaker's single {@code AtomicReference}. A state moves the breaker on with
 * {@link CircuitBreaker#transition}, which does nothing when the state is no longer current.
 */
sealed interface BreakerState permits ClosedState, OpenState, HalfOpenState, ForcedOpenState, DisabledState {

	CircuitState state();

	/** {@code true}: an attempt may go; exactly one result call must follow. */
	boolean tryAcquirePermission();

	/** A result with its {@link Outcome} flags. */
	void onResult(int outcome);

	/** An attempt that took a permit ended without a recorded outcome. */
	void onIgnored();

	/** When a call may next go through; {@code null} when only a manual move will tell. */
	Instant retryAt();

	/** {@link #retryAt()}, worked out when asked: what a rejection by this state carries. */
	default Supplier<Instant> retryTime() {
		return this::retryAt;
	}

	/** The counts this state reports. */
	WindowTotals totals();

}
