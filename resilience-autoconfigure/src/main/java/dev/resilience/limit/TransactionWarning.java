package dev.resilience.limit;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes one WARN per policy the first time a time-limited call starts inside an active Spring
 * transaction: the attempt runs on another thread, where the caller's transaction is not bound.
 * Without spring-tx on the classpath it does nothing. Thread-safe.
 */
final class TransactionWarning {

	private static final Logger logger = LoggerFactory.getLogger("dev.resilience.limit");

	private static final boolean TX_PRESENT = present();

	private final String policy;

	private final AtomicBoolean warned = new AtomicBoolean();

	TransactionWarning(String policy) {
		this.policy = policy;
	}

	/** Checks the calling thread; at most one WARN per policy. */
	void check() {
		if (TX_PRESENT && !this.warned.get() && Transactions.active() && this.warned.compareAndSet(false, true)) {
			logger.warn("Policy '{}' has a time limit, so its attempts run on the starter's threads, but this call "
					+ "started inside an active transaction: the attempts do not join it (a @Transactional method "
					+ "called in an attempt starts its own). Make the time-limited method the transaction boundary, "
					+ "or call it from outside the transaction.", this.policy);
		}
	}

	private static boolean present() {
		try {
			Class.forName("org.springframework.transaction.support.TransactionSynchronizationManager", false,
					TransactionWarning.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** Touches spring-tx only when it is present. */
	private static final class Transactions {

		static boolean active() {
			return TransactionSynchronizationManager.isActualTransactionActive();
		}

	}

}
