package dev.resilience.classify;

import java.util.List;

/**
 * A policy's {@code classifier.*} lists, with the classes already loaded (names are loaded and
 * validated at startup, elsewhere). Immutable: the lists are copied; {@code null} means empty.
 *
 * @param retryOn classes always treated as transient
 * @param abortOn classes always treated as permanent
 * @param ignore classes neither retried nor recorded by the circuit breaker
 */
public record ClassifierConfig(List<Class<? extends Throwable>> retryOn, List<Class<? extends Throwable>> abortOn,
		List<Class<? extends Throwable>> ignore) {

	private static final ClassifierConfig EMPTY = new ClassifierConfig(List.of(), List.of(), List.of());

	public ClassifierConfig {
		retryOn = copy(retryOn);
		abortOn = copy(abortOn);
		ignore = copy(ignore);
	}

	/** No lists: every failure goes on to the classifier beans and the built-in rules. */
	public static ClassifierConfig empty() {
		return EMPTY;
	}

	private static List<Class<? extends Throwable>> copy(List<Class<? extends Throwable>> classes) {
		return (classes != null) ? List.copyOf(classes) : List.of();
	}

}
