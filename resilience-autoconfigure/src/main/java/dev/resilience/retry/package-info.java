/**
 * Retry and backoff on Spring Retry. The only package that touches Spring Retry types
 * ({@code BackOffPolicy}, {@code Sleeper}, {@code RetryContext}), so that a move to Spring
 * Framework 7's {@code core.retry} stays a local change.
 */
package dev.resilience.retry;
