package dev.resilience.circuit;

/**
 * How a circuit breaker's sliding window is measured: over the last N calls, or over the
 * calls of the last N seconds.
 */
public enum WindowType {

	/** The window holds the outcomes of the last {@code slidingWindowSize} calls. */
	COUNT_BASED,

	/** The window holds the outcomes of the calls of the last {@code slidingWindowSize} seconds. */
	TIME_BASED

}
