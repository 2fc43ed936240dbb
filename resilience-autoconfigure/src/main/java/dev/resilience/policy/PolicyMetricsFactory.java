package dev.resilience.policy;

/** Builds a policy's meters once, when the policy is created. */
@FunctionalInterface
public interface PolicyMetricsFactory {

	PolicyMetricsFactory NONE = (policy) -> PolicyMetrics.NONE;

	PolicyMetrics create(Policy policy);

}
