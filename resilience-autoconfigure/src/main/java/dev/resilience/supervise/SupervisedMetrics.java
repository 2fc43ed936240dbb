package dev.resilience.supervise;

/**
 * Where a supervised connection reports its sessions; the Micrometer implementation registers
 * its meters (the state gauges read {@link SupervisedConnection#state()}) when it is built.
 * Implementations must be thread-safe and must not throw.
 */
public interface SupervisedMetrics {

	/** Records nothing: the application has no meter registry. */
	SupervisedMetrics NONE = new SupervisedMetrics() {
	};

	/** One session ended (one ended by a stop is not reported). */
	default void sessionEnded(SessionOutcome outcome) {
	}

	/** The connection is forgotten (stopped, or one of too many ended ones): its meters are removed. */
	default void close() {
	}

}
