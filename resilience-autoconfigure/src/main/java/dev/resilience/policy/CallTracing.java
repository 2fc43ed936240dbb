package dev.resilience.policy;

/**
 * Adds a trace of each call to a policy's metrics ({@link PolicyMetrics#startCall()}). The
 * auto-configuration provides one only when the application has a tracer; without it no call is
 * traced and nothing is created per call.
 */
@FunctionalInterface
public interface CallTracing {

	/** Traces nothing: the metrics are used as they are. */
	CallTracing NONE = (policy, metrics) -> metrics;

	/** What {@code policy} reports to: {@code metrics}, plus a trace of each call. */
	PolicyMetrics traced(Policy policy, PolicyMetrics metrics);

}
