package dev.resilience.supervise;

/** Builds a supervised connection's meters once, before its thread starts. */
@FunctionalInterface
public interface SupervisedMetricsFactory {

	SupervisedMetricsFactory NONE = (connection) -> SupervisedMetrics.NONE;

	SupervisedMetrics create(SupervisedConnection connection);

}
