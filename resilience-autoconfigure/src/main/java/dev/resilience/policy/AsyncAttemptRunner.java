package dev.resilience.policy;

/**
 * Starts one attempt of an asynchronous unit of work: invokes it again (a method through the rest
 * of its proxy's chain, a supplier) and returns what it returned, a {@code CompletionStage} or a
 * Reactive Streams publisher. Implementations are stateless singletons.
 *
 * @param <W> the work: a method invocation, a supplier
 */
@FunctionalInterface
public interface AsyncAttemptRunner<W> {

	/** Invokes the work once more; a throw is a failed attempt. */
	Object attempt(W work) throws Throwable;

}
