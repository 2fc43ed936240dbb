/**
 * Policies at run time: one per name, each with its settings, circuit breaker, classifier and
 * meters, and the executor that runs a call through them.
 */
package dev.resilience.policy;
