/**
 * HTTP clients per policy: Spring's {@code RestClient} with the policy's timeouts, every request
 * sent through the policy, retried by HTTP method idempotency.
 */
package dev.resilience.http;
