package dev.resilience.policy;

/** A fallback: replaces a call's final failure with a result. */
@FunctionalInterface
public interface Recovery<W> {

	Object recover(W work, Throwable failure) throws Throwable;

}
