package dev.resilience.classify;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import dev.resilience.Classification;
import dev.resilience.TimeoutExceededException;

/**
 * Rule 4, the built-in table, applied to the whole cause chain in three passes so that the most
 * informative match decides:
 * <ol>
 * <li>a status the other side answered with ({@link HttpStatusRule}), from the outermost
 * throwable that carries one;</li>
 * <li>otherwise a permanent type anywhere in the chain: {@link Error}, {@link InterruptedException},
 * {@link IllegalArgumentException}, {@link NullPointerException}, {@link ClassCastException},
 * {@link UnsupportedOperationException}, {@link SSLHandshakeException} (checked before
 * {@link IOException}, which it extends);</li>
 * <li>otherwise a transient type anywhere in the chain: {@link IOException},
 * {@link TimeoutException}, {@link TimeoutExceededException} (a policy's time limit), Spring's {@code ResourceAccessException},
 * {@code TransientDataAccessException} and {@code RecoverableDataAccessException} (the last three
 * matched by name, so neither spring-web nor spring-tx is needed);</li>
 * <li>otherwise transient, "unclassified".</li>
 * </ol>
 * A cause thus refines its wrapper: a {@code ResourceAccessException} caused by an
 * {@code SSLHandshakeException} is permanent. Verdicts by type are cached per class.
 * Thread-safe.
 */
final class BuiltInRules {

	private static final String[] TRANSIENT_TYPE_NAMES = { "org.springframework.web.client.ResourceAccessException",
			"org.springframework.dao.TransientDataAccessException",
			"org.springframework.dao.RecoverableDataAccessException" };

	private static final Verdict NOT_LISTED = Verdict.of(Classification.TRANSIENT, "not listed");

	private static final ClassValue<Verdict> BY_CLASS = new ClassValue<>() {

		@Override
		protected Verdict computeValue(Class<?> type) {
			return decide(type);
		}

	};

	private final HttpStatusRule statusRule;

	BuiltInRules(HttpStatusRule statusRule) {
		this.statusRule = statusRule;
	}

	Verdict classify(List<Throwable> chain) {
		Verdict status = this.statusRule.classify(chain);
		if (status != null) {
			return status;
		}
		Verdict permanent = firstOfType(chain, Classification.PERMANENT);
		if (permanent != null) {
			return permanent;
		}
		Verdict transientType = firstOfType(chain, Classification.TRANSIENT);
		if (transientType != null) {
			return transientType;
		}
		String name = chain.isEmpty() ? "null" : TypeNames.shortName(chain.get(0).getClass());
		return Verdict.of(Classification.TRANSIENT, "unclassified " + name);
	}

	private static Verdict firstOfType(List<Throwable> chain, Classification classification) {
		for (Throwable throwable : chain) {
			Verdict verdict = BY_CLASS.get(throwable.getClass());
			if (verdict != NOT_LISTED && verdict.classification() == classification) {
				return verdict;
			}
		}
		return null;
	}

	private static Verdict decide(Class<?> type) {
		if (isPermanentType(type)) {
			return Verdict.of(Classification.PERMANENT, TypeNames.shortName(type));
		}
		if (isTransientType(type)) {
			return Verdict.of(Classification.TRANSIENT, TypeNames.shortName(type));
		}
		return NOT_LISTED;
	}

	private static boolean isPermanentType(Class<?> type) {
		return Error.class.isAssignableFrom(type) || InterruptedException.class.isAssignableFrom(type)
				|| IllegalArgumentException.class.isAssignableFrom(type)
				|| NullPointerException.class.isAssignableFrom(type) || ClassCastException.class.isAssignableFrom(type)
				|| UnsupportedOperationException.class.isAssignableFrom(type)
				|| SSLHandshakeException.class.isAssignableFrom(type);
	}

	private static boolean isTransientType(Class<?> type) {
		if (IOException.class.isAssignableFrom(type) || TimeoutException.class.isAssignableFrom(type)
				|| TimeoutExceededException.class.isAssignableFrom(type)) {
			return true;
		}
		for (String name : TRANSIENT_TYPE_NAMES) {
			if (TypeNames.isSubclassOf(type, name)) {
				return true;
			}
		}
		return false;
	}

}
