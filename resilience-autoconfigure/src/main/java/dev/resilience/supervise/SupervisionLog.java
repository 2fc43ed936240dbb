package dev.resilience.supervise;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.resilience.classify.SafeDescription;
import dev.resilience.classify.Verdict;
import dev.resilience.logging.RepeatLimitedLog;

/**
 * The log lines of supervised connections: each end that leads to a reconnect is a warning
 * de-duplicated by (name, outcome, exception class); giving up is always one warning.
 */
final class SupervisionLog {

	static final Logger logger = LoggerFactory.getLogger("dev.resilience.supervise");

	private final RepeatLimitedLog repeated;

	SupervisionLog(RepeatLimitedLog repeated) {
		this.repeated = repeated;
	}

	/** A session ended early or failed, and the connection will reconnect after {@code wait}. */
	void willReconnect(SupervisedConnection connection, SessionOutcome outcome, Throwable failure, String account,
			int failures, int maxAttempts, String wait) {
		Key key = new Key(connection.name(), outcome, (failure != null) ? failure.getClass() : null);
		String what = (outcome == SessionOutcome.ENDED) ? " ended before it was stable: " : " failed (transient): ";
		this.repeated.warn(key, () -> connection + what + account + "; " + failures + " of " + maxAttempts
				+ " consecutive failures; reconnecting in " + wait);
	}

	/** A connection that was up for stable-after ended; the failure count starts over. */
	void stableEnded(SupervisedConnection connection, String account, String wait) {
		if (logger.isInfoEnabled()) {
			logger.info("{} ended after a stable connection ({}); reconnecting in {}", connection,
					(account != null) ? account : "closed", wait);
		}
	}

	/** A permanent failure: the connection stops for good. */
	void permanent(SupervisedConnection connection, Throwable failure, Verdict verdict) {
		if (verdict.credentialsRejected()) {
			logger.warn("{} failed: the credentials were rejected ({}; {}). Check the key or token configured for "
					+ "this connection; reconnecting cannot help, so it will not reconnect", connection,
					describe(failure), verdict.reason());
		}
		else {
			logger.warn("{} failed: permanent failure {} ({}); it will not reconnect", connection, describe(failure),
					verdict.reason());
		}
	}

	/** Retrying ran out (max-attempts consecutive failures, a Retry-After too long…): it stops for good. */
	void gaveUp(SupervisedConnection connection, int failures, String reason, String account) {
		logger.warn("{} failed: {} after {} consecutive failures, the last: {}; it will not reconnect", connection,
				reason, failures, account);
	}

	/**
	 * The innermost cause, described safely ({@link SafeDescription#ofInnermost}): wrappers such
	 * as {@code ExecutionException} say less than what they wrap.
	 */
	static String describe(Throwable failure) {
		return SafeDescription.ofInnermost(failure);
	}

	private record Key(String name, SessionOutcome outcome, Class<?> exception) {
	}

}
