package dev.resilience.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The cause chain of a failure, outermost first. Bounded and cycle-safe: a chain is cut at
 * {@value #MAX_DEPTH} throwables or where a throwable repeats.
 */
final class Causes {

	static final int MAX_DEPTH = 16;

	private Causes() {
	}

	/** The failure followed by its causes, outermost first; empty for {@code null}. */
	static List<Throwable> of(Throwable failure) {
		List<Throwable> chain = new ArrayList<>(4);
		for (Throwable current = failure; current != null && chain.size() < MAX_DEPTH; current = current.getCause()) {
			if (containsSame(chain, current)) {
				break;
			}
			chain.add(current);
		}
		return chain;
	}

	// Identity, not equals(): an exception may override equals, and a cycle is the same object.
	private static boolean containsSame(List<Throwable> chain, Throwable candidate) {
		for (Throwable seen : chain) {
			if (seen == candidate) {
				return true;
			}
		}
		return false;
	}

}
