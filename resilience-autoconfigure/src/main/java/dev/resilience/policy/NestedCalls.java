package dev.resilience.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which policy the current thread is running a call of, for the policies that have built HTTP
 * clients (only those pay the thread-local mark): a call of a policy made inside an attempt of
 * the same policy on the same thread (an annotated method that uses a client from
 * {@code restClient} of its own policy) runs once per outer attempt, without retries of its own,
 * so attempts never multiply. Only the innermost marked policy is remembered.
 */
final class NestedCalls {

	private static final Logger logger = LoggerFactory.getLogger("dev.resilience.retry");

	private static final ThreadLocal<Policy> running = new ThreadLocal<>();

	private NestedCalls() {
	}

	/** The policy whose call the thread is in, or {@code null}. */
	static Policy current() {
		return running.get();
	}

	static void enter(Policy policy) {
		running.set(policy);
	}

	/** Back to {@code outer}, as {@link #current()} returned it before {@link #enter}. */
	static void exit(Policy outer) {
		running.set(outer);
	}

	/** The inner call: one attempt, nothing recorded (the outer attempt records the outcome). */
	static <W> Object runOnce(Policy policy, W work, AttemptRunner<W> runner) throws Throwable {
		if (policy.firstNestedCall()) {
			logger.warn("Policy '{}' was applied inside a call of itself (an annotated method using a client of "
					+ "Resilience.restClient(\"{}\")?): the inner call runs once per outer attempt, without retries "
					+ "of its own; apply it in one place", policy.name(), policy.name());
		}
		return runner.first(work);
	}

}
