package dev.resilience.classify;

import java.util.List;

import dev.resilience.Classification;
import dev.resilience.Permanent;
import dev.resilience.Transient;

/**
 * Rule 3: {@link Permanent @Permanent} or {@link Transient @Transient} on an exception's class or
 * a superclass. The nearest annotated class wins; one class carrying both counts as permanent.
 * The failure itself is looked at first, then its causes, outermost first. Annotations never
 * change, so the answer is cached per class. Thread-safe.
 */
final class AnnotationRule {

	private static final Verdict NOT_ANNOTATED = Verdict.of(Classification.TRANSIENT, "not annotated");

	private static final ClassValue<Verdict> BY_CLASS = new ClassValue<>() {

		@Override
		protected Verdict computeValue(Class<?> type) {
			return decide(type);
		}

	};

	private AnnotationRule() {
	}

	/** The verdict of the first annotated throwable in the chain, or {@code null}. */
	static Verdict classify(List<Throwable> chain) {
		for (Throwable throwable : chain) {
			Verdict verdict = BY_CLASS.get(throwable.getClass());
			if (verdict != NOT_ANNOTATED) {
				return verdict;
			}
		}
		return null;
	}

	// Walks superclasses itself (rather than trusting @Inherited) so that the reason can name the
	// class that carries the annotation, and so that a subclass annotation wins over its parent's.
	private static Verdict decide(Class<?> type) {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			if (current.getDeclaredAnnotation(Permanent.class) != null) {
				return Verdict.of(Classification.PERMANENT, "@Permanent on " + current.getName());
			}
			if (current.getDeclaredAnnotation(Transient.class) != null) {
				return Verdict.of(Classification.TRANSIENT, "@Transient on " + current.getName());
			}
		}
		return NOT_ANNOTATED;
	}

}
