package dev.resilience.classify;

import java.util.ArrayList;
import java.util.List;

import dev.resilience.Classification;

/**
 * Rule 1: a policy's {@code classifier.ignore}, {@code abort-on} and {@code retry-on} lists.
 * <p>
 * For one exception class the most specific listed class it extends wins (the one deepest in
 * the class hierarchy); the same class in two lists resolves as ignore, then abort-on, then
 * retry-on. For a failure the first throwable of its cause chain (outermost first) that matches
 * any list decides. The answer per exception class never changes, so it is cached per class.
 * Thread-safe.
 */
final class ListRules {

	private static final Verdict NO_MATCH = Verdict.of(Classification.TRANSIENT, "no match");

	private final List<Entry> entries;

	private final ClassValue<Verdict> byClass = new ClassValue<>() {

		@Override
		protected Verdict computeValue(Class<?> type) {
			return decide(type);
		}

	};

	ListRules(ClassifierConfig config) {
		// Precedence order for ties: ignore, abort-on, retry-on.
		this.entries = List.copyOf(entries(config));
	}

	private static List<Entry> entries(ClassifierConfig config) {
		List<Entry> entries = new ArrayList<>();
		add(entries, config.ignore(), Classification.IGNORED, "classifier.ignore");
		add(entries, config.abortOn(), Classification.PERMANENT, "classifier.abort-on");
		add(entries, config.retryOn(), Classification.TRANSIENT, "classifier.retry-on");
		return entries;
	}

	private static void add(List<Entry> entries, List<Class<? extends Throwable>> classes,
			Classification classification, String key) {
		for (Class<? extends Throwable> type : classes) {
			entries.add(new Entry(type, depth(type), Verdict.of(classification, key + ": " + type.getName())));
		}
	}

	/** The verdict of the first throwable in the chain that a list names, or {@code null}. */
	Verdict classify(List<Throwable> chain) {
		if (this.entries.isEmpty()) {
			return null;
		}
		for (Throwable throwable : chain) {
			Verdict verdict = this.byClass.get(throwable.getClass());
			if (verdict != NO_MATCH) {
				return verdict;
			}
		}
		return null;
	}

	private Verdict decide(Class<?> type) {
		Entry best = null;
		for (Entry entry : this.entries) {
			if (entry.type().isAssignableFrom(type) && (best == null || entry.depth() > best.depth())) {
				best = entry;
			}
		}
		return (best != null) ? best.verdict() : NO_MATCH;
	}

	private static int depth(Class<?> type) {
		int depth = 0;
		for (Class<?> current = type.getSuperclass(); current != null; current = current.getSuperclass()) {
			depth++;
		}
		return depth;
	}

	private record Entry(Class<? extends Throwable> type, int depth, Verdict verdict) {
	}

}
