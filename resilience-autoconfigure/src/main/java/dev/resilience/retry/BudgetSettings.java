package dev.resilience.retry;

import java.time.Duration;

/**
 * A policy's retry budget, as configured under {@code retry.budget}: over any {@code window},
 * retries are at most {@code ratio} × the calls started in it plus
 * {@code minRetriesPerSecond} × its seconds. Immutable.
 *
 * @param enabled {@code false}: retries are limited by max-attempts only
 * @param ratio the share of the window's calls that retries may add, in (0, 1]
 * @param minRetriesPerSecond retries always allowed, whatever the traffic; at least 0
 * @param window the span over which calls and retries are counted
 */
public record BudgetSettings(boolean enabled, double ratio, double minRetriesPerSecond, Duration window) {

	/** The contract's defaults (Finagle's and Linkerd's): on, 0.2, 10 retries a second, over 10s. */
	public static BudgetSettings defaults() {
		return new BudgetSettings(true, 0.2, 10, Duration.ofSeconds(10));
	}

	/** The same budget, switched off. */
	public static BudgetSettings disabled() {
		return new BudgetSettings(false, 0.2, 10, Duration.ofSeconds(10));
	}

	/** The retries always allowed in one window: min-retries-per-second × the window's seconds. */
	double reserve() {
		return this.minRetriesPerSecond * (this.window.toNanos() / 1e9);
	}

}
