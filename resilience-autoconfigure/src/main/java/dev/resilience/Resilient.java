package dev.resilience;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;

/**
 * Runs the annotated method (or every public method of the annotated type) under a resilience
 * policy: retry with backoff, circuit breaker, classification and metrics, configured under
 * {@code resilience.policies.<name>}. A method-level annotation wins over a type-level one.
 * <p>
 * Applied by a Spring AOP proxy: calls from inside the same bean (self-invocation) are not
 * intercepted.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Resilient {

	/** The policy name; empty means {@code <SimpleClassName>.<methodName>} on the defaults. */
	@AliasFor("policy")
	String value() default "";

	/** Alias for {@link #value()}. */
	@AliasFor("value")
	String policy() default "";

	/**
	 * Name of a method on the same bean called when the call finally fails (exhausted, aborted
	 * or rejected): same return type, same parameters, optionally followed by one
	 * {@code Throwable} (or subtype) parameter receiving the failure. Checked at startup.
	 */
	String fallback() default "";

	/**
	 * {@code false}: retry only failures that provably happened before the request reached the
	 * other side (connection refused, unknown host, open circuit).
	 */
	boolean idempotent() default true;

}
