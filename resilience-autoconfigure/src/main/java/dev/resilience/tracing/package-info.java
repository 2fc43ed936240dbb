/**
 * Traces (CONTRACT §17): a span per call and per attempt of a policy, and one HTTP client span per
 * physical request of a policy's {@code RestClient} or {@code WebClient}. Used only when
 * micrometer-tracing is present and the application has a {@code Tracer} bean.
 */
package dev.resilience.tracing;
