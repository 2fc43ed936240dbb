/**
 * Spring Cloud CircuitBreaker on the starter's policies: a {@code CircuitBreakerFactory} whose
 * breakers run each supplier through a policy. Loaded only when {@code spring-cloud-commons} is
 * present.
 */
package dev.resilience.cloud;
