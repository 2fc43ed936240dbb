/**
 * Applies {@code @Resilient} with Spring AOP: a bean post-processor proxies beans that have
 * annotated methods, and one interceptor per bean runs each call through its policy. Everything
 * per method (policy, fallback, idempotency) is resolved when the bean is proxied.
 */
package dev.resilience.aop;
