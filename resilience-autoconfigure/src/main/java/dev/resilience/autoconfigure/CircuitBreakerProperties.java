package dev.resilience.autoconfigure;

import java.time.Duration;

import dev.resilience.circuit.ForcedState;
import dev.resilience.circuit.WindowType;

/** {@code circuit-breaker.*} keys of a policy. */
public class CircuitBreakerProperties {

	/**
	 * Whether the policy has a circuit breaker.
	 */
	private boolean enabled = true;

	/**
	 * Kind of sliding window: the last N calls, or the calls of the last N seconds.
	 */
	private WindowType slidingWindowType = WindowType.COUNT_BASED;

	/**
	 * Size of the sliding window: calls (count-based) or seconds (time-based).
	 */
	private int slidingWindowSize = 100;

	/**
	 * No verdict before this many calls are recorded in the window.
	 */
	private int minimumNumberOfCalls = 20;

	/**
	 * Failure rate in percent at or above which the circuit opens.
	 */
	private float failureRateThreshold = 50;

	/**
	 * A call at least this long counts as slow; unset means no call is slow.
	 */
	private Duration slowCallDurationThreshold;

	/**
	 * Rate of slow calls in percent at or above which the circuit opens.
	 */
	private float slowCallRateThreshold = 100;

	/**
	 * How long an open circuit rejects calls before letting trial calls through (half-open).
	 */
	private Duration waitDurationInOpenState = Duration.ofSeconds(30);

	/**
	 * Trial calls admitted while half-open; all must finish, and their failure rate decides.
	 */
	private int permittedCallsInHalfOpenState = 5;

	/**
	 * Holds the circuit from configuration: 'forced-open' rejects every call, 'disabled' lets
	 * every call through unrecorded, 'none' leaves it to its own rules. A change through live
	 * configuration moves the circuit at once ('none' releases it to closed).
	 */
	private ForcedState forcedState = ForcedState.NONE;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public WindowType getSlidingWindowType() {
		return this.slidingWindowType;
	}

	public void setSlidingWindowType(WindowType slidingWindowType) {
		this.slidingWindowType = slidingWindowType;
	}

	public int getSlidingWindowSize() {
		return this.slidingWindowSize;
	}

	public void setSlidingWindowSize(int slidingWindowSize) {
		this.slidingWindowSize = slidingWindowSize;
	}

	public int getMinimumNumberOfCalls() {
		return this.minimumNumberOfCalls;
	}

	public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
		this.minimumNumberOfCalls = minimumNumberOfCalls;
	}

	public float getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	public void setFailureRateThreshold(float failureRateThreshold) {
		this.failureRateThreshold = failureRateThreshold;
	}

	public Duration getSlowCallDurationThreshold() {
		return this.slowCallDurationThreshold;
	}

	public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
		this.slowCallDurationThreshold = slowCallDurationThreshold;
	}

	public float getSlowCallRateThreshold() {
		return this.slowCallRateThreshold;
	}

	public void setSlowCallRateThreshold(float slowCallRateThreshold) {
		this.slowCallRateThreshold = slowCallRateThreshold;
	}

	public Duration getWaitDurationInOpenState() {
		return this.waitDurationInOpenState;
	}

	public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
		this.waitDurationInOpenState = waitDurationInOpenState;
	}

	public ForcedState getForcedState() {
		return this.forcedState;
	}

	public void setForcedState(ForcedState forcedState) {
		this.forcedState = forcedState;
	}

	public int getPermittedCallsInHalfOpenState() {
		return this.permittedCallsInHalfOpenState;
	}

	public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
		this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
	}

}
