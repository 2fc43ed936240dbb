package dev.resilience.policy;

/**
 * Runs one attempt of a unit of work. Implementations are stateless singletons, so that the hot
 * path allocates no adapter per call.
 *
 * @param <W> the work: a method invocation, a {@code Callable}, an HTTP request
 */
public interface AttemptRunner<W> {

	/** The first attempt. */
	Object first(W work) throws Throwable;

	/** A retry; by default the same as the first attempt. */
	default Object retry(W work) throws Throwable {
		return first(work);
	}

}
