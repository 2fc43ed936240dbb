package dev.resilience.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.resilience.aop.InvalidFallbackException;

/** Reports a {@code @Resilient(fallback = ...)} that names no usable method. */
class InvalidFallbackFailureAnalyzer extends AbstractFailureAnalyzer<InvalidFallbackException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidFallbackException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Declare a method named '" + cause.getFallback() + "' on the same bean as "
						+ cause.getAnnotatedMethod() + ", with the same return type and the same parameters, "
						+ "optionally followed by one Throwable parameter; or fix the name in @Resilient(fallback).",
				cause);
	}

}
