package dev.resilience.circuit;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one circuit breaker, immutable. The property binding validates values with
 * messages naming the keys; the constructor only guards the invariants the breaker relies on.
 *
 * @param enabled {@code false}: the breaker starts {@link CircuitState#DISABLED}
 * @param windowType how the sliding window is measured
 * @param slidingWindowSize calls (count-based) or seconds (time-based)
 * @param minimumNumberOfCalls no verdict before this many calls are recorded in the window
 * @param failureRateThreshold percent in (0, 100]; at or above it the circuit opens
 * @param slowCallDurationThreshold a call at least this long counts as slow; {@code null}: no
 * call is slow
 * @param slowCallRateThreshold percent in (0, 100] of slow calls that opens the circuit
 * @param waitDurationInOpenState how long an open circuit rejects calls before a trial
 * @param permittedCallsInHalfOpenState trial calls in half-open state
 * @param forcedState where configuration holds the circuit, {@link ForcedState#NONE} when it
 * does not
 */
public record CircuitBreakerConfig(boolean enabled, WindowType windowType, int slidingWindowSize,
		int minimumNumberOfCalls, float failureRateThreshold, Duration slowCallDurationThreshold,
		float slowCallRateThreshold, Duration waitDurationInOpenState, int permittedCallsInHalfOpenState,
		ForcedState forcedState) {

	private static final CircuitBreakerConfig DEFAULTS = new CircuitBreakerConfig(true, WindowType.COUNT_BASED, 100,
			20, 50f, null, 100f, Duration.ofSeconds(30), 5);

	public CircuitBreakerConfig {
		Objects.requireNonNull(windowType, "windowType must not be null");
		Objects.requireNonNull(forcedState, "forcedState must not be null");
		Objects.requireNonNull(waitDurationInOpenState, "waitDurationInOpenState must not be null");
		require(slidingWindowSize >= 1, "slidingWindowSize must be at least 1");
		require(minimumNumberOfCalls >= 1, "minimumNumberOfCalls must be at least 1");
		require(isPercent(failureRateThreshold), "failureRateThreshold must be in (0, 100]");
		require(isPercent(slowCallRateThreshold), "slowCallRateThreshold must be in (0, 100]");
		require(slowCallDurationThreshold == null || isPositive(slowCallDurationThreshold),
				"slowCallDurationThreshold must be positive");
		require(isPositive(waitDurationInOpenState), "waitDurationInOpenState must be positive");
		require(permittedCallsInHalfOpenState >= 1, "permittedCallsInHalfOpenState must be at least 1");
	}

	/** A configuration that does not hold the circuit anywhere ({@link ForcedState#NONE}). */
	public CircuitBreakerConfig(boolean enabled, WindowType windowType, int slidingWindowSize, int minimumNumberOfCalls,
			float failureRateThreshold, Duration slowCallDurationThreshold, float slowCallRateThreshold,
			Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {
		this(enabled, windowType, slidingWindowSize, minimumNumberOfCalls, failureRateThreshold,
				slowCallDurationThreshold, slowCallRateThreshold, waitDurationInOpenState, permittedCallsInHalfOpenState,
				ForcedState.NONE);
	}

	/** Whether {@code other} measures its window differently (type or size): a change starts a fresh one. */
	boolean windowDiffers(CircuitBreakerConfig other) {
		return this.windowType != other.windowType || this.slidingWindowSize != other.slidingWindowSize;
	}

	/**
	 * The contract's defaults: enabled, count-based window of 100 calls, 20 minimum calls, 50%
	 * failure rate, no slow calls (100% slow-call rate), 30s open, 5 trial calls.
	 */
	public static CircuitBreakerConfig defaults() {
		return DEFAULTS;
	}

	private static boolean isPercent(float value) {
		return value > 0f && value <= 100f;
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
