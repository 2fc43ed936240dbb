package dev.resilience.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.resilience.policy.InvalidSettingException;

/** Reports an invalid {@code resilience.*} setting with its full key, value, rule and fix. */
class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
		String description = "Invalid resilience setting:\n\n    Property: " + cause.getKey() + "\n    Value:    "
				+ cause.getValue() + "\n    Reason:   " + cause.getRule();
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
