/**
 * Supervised long-lived connections: one thread per connection runs the user's session again
 * and again, waiting the policy's backoff after every end, until a permanent failure, too many
 * consecutive failures, {@code stop()} or application shutdown.
 */
package dev.resilience.supervise;
