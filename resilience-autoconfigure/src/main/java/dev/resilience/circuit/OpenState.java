package dev.resilience.circuit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Open: rejects calls until the wait in open state has passed on the monotonic clock; the first
 * call after it moves the circuit to half-open and is its first trial. Late results of calls
 * admitted earlier are dropped. Reports the totals that opened it.
 */
final class OpenState implements BreakerState {

	private final CircuitBreaker breaker;

	private final WindowTotals totals;

	/** When the wait ends, on the breaker's monotonic clock. */
	private final long retryAtNanos;

	/** Made once: every call rejected while open carries it. */
	private final Supplier<Instant> retryTime = this::retryAt;

	OpenState(CircuitBreaker breaker, WindowTotals totals) {
		this.breaker = breaker;
		this.totals = totals;
		this.retryAtNanos = saturatedAdd(breaker.nanos(), breaker.config().waitDurationInOpenState().toNanos());
	}

	@Override
	public CircuitState state() {
		return CircuitState.OPEN;
	}

	@Override
	public boolean tryAcquirePermission() {
		// A difference, not a comparison of readings: nanoTime may be negative or wrap.
		if (this.breaker.nanos() - this.retryAtNanos < 0) {
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

	/** The wall clock's now plus what remains of the wait on the monotonic clock. */
	@Override
	public Instant retryAt() {
		long remaining = Math.max(0, this.retryAtNanos - this.breaker.nanos());
		return this.breaker.clock().instant().plus(Duration.ofNanos(remaining));
	}

	@Override
	public Supplier<Instant> retryTime() {
		return this.retryTime;
	}

	@Override
	public WindowTotals totals() {
		return this.totals;
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (((a ^ sum) & (b ^ sum)) < 0) ? Long.MAX_VALUE : sum;
	}

}
