package dev.resilience.limit;

/** One attempt of a call, run on an attempt thread. */
@FunctionalInterface
public interface Attempt {

	Object run() throws Throwable;

}
