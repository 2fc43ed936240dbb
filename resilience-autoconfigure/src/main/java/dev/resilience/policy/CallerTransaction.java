package dev.resilience.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/**
 * Warns, once per policy, about a call that is about to retry while its thread is inside an
 * active Spring transaction: the caller's transaction, since ours wraps the method's own. The
 * first failure has already marked it rollback-only, so the retry cannot save it. Asked only on
 * the failure path, and only when spring-tx is on the class path.
 */
final class CallerTransaction {

	private static final Logger logger = LoggerFactory.getLogger("dev.resilience.retry");

	private static final boolean SPRING_TX_PRESENT = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			CallerTransaction.class.getClassLoader());

	private CallerTransaction() {
	}

	static void warnOnceIfRetryingInside(Policy policy) {
		if (SPRING_TX_PRESENT && !policy.warnedOfRetryInTransaction() && SpringTransactions.active()
				&& policy.firstRetryInTransaction()) {
			logger.warn("Policy '{}' is retrying inside the caller's transaction: the first failure has already "
					+ "marked it rollback-only, so the retry cannot save it. Make the retried method the transaction "
					+ "boundary (@Transactional on it, not on its caller), or call it from outside the transaction",
					policy.name());
		}
	}

	/** Touches spring-tx only when it is present. */
	private static final class SpringTransactions {

		static boolean active() {
			return TransactionSynchronizationManager.isActualTransactionActive();
		}

	}

}
