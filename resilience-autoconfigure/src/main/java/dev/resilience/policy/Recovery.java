package dev.resilience.policy;

/** A fallback: replaces a call's final failure with a result. */
@FunctionalInterface
public interface Recovery<W> {

	/**
	 * Whether this fallback takes {@code failure}; one that does not lets it reach the caller, and
	 * is neither run nor counted. By default every failure.
	 */
	default boolean accepts(Throwable failure) {
		return true;
	}

	Object recover(W work, Throwable failure) throws Throwable;

}
