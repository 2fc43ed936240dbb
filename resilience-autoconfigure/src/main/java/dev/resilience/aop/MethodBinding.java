package dev.resilience.aop;

import dev.resilience.policy.Policy;

/**
 * What an annotated method runs under, resolved once when its bean is proxied.
 *
 * @param policy the policy (shared by every method naming it)
 * @param idempotent whether any transient failure may be retried
 * @param fallback the fallback, or {@code null}
 * @param kind how the method delivers its outcome: it decides the interceptor
 */
record MethodBinding(Policy policy, boolean idempotent, FallbackMethod fallback, ReturnKind kind) {
}
