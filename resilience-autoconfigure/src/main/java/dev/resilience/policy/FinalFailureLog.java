package dev.resilience.policy;

import dev.resilience.classify.SafeDescription;
import dev.resilience.classify.Verdict;
import dev.resilience.logging.RepeatLimitedLog;

/**
 * The one WARN of a finally failed call; identical ones are de-duplicated. The failure is
 * described by {@link SafeDescription}: never a response body, a header, a query or user-info.
 */
final class FinalFailureLog {

	private FinalFailureLog() {
	}

	static void warn(RepeatLimitedLog log, Policy policy, CallOutcome outcome, int attempts, long nanos,
			Throwable failure, Verdict verdict, String why) {
		Key key = new Key(policy.name(), outcome, failure.getClass());
		log.warn(key, () -> message(policy, outcome, attempts, nanos, failure, verdict, why));
	}

	private static String message(Policy policy, CallOutcome outcome, int attempts, long nanos, Throwable failure,
			Verdict verdict, String why) {
		StringBuilder text = new StringBuilder();
		text.append("Policy '").append(policy.name()).append("' ").append(outcome.tagValue()).append(" after ")
			.append(attempts).append((attempts == 1) ? " attempt" : " attempts").append(" in ")
			.append(nanos / 1_000_000L).append("ms: ")
			.append(FailedCall.label(verdict)).append(' ')
			.append(failure.getClass().getSimpleName()).append(" (").append(verdict.reason()).append(')');
		String message = SafeDescription.message(failure);
		if (message != null) {
			text.append(": ").append(message);
		}
		text.append("; ").append(why);
		if (verdict.credentialsRejected()) {
			text.append(". The credentials were rejected: check the key or token configured for this dependency;"
					+ " retrying cannot help");
		}
		return text.toString();
	}

	private record Key(String policy, CallOutcome outcome, Class<?> exception) {
	}

}
