package dev.resilience.benchmarks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method for a no-op Spring AOP proxy: the growth measurement's middle baseline, what a
 * bean pays for being proxied at all (as for {@code @Transactional}), before any policy.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface NoopProxied {

}
