package dev.resilience.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.resilience.aop.UnsupportedReturnTypeException;

/** Reports a {@code @Resilient} method whose asynchronous return type the starter cannot follow. */
class UnsupportedReturnTypeFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedReturnTypeException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedReturnTypeException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Change " + cause.getMethod() + " to return one of " + cause.getSupportedTypes()
						+ " (for example CompletableFuture from a Future, Mono.from(publisher), or a blocking method "
						+ "called from the coroutine), or remove @Resilient from it.",
				cause);
	}

}
