package dev.resilience.classify;

/** Reads the status the other side answered with from one kind of exception. */
interface StatusReader {

	/** The status carried by {@code throwable}, or {@code null} when it is not this kind. */
	ResponseStatus read(Throwable throwable);

}
