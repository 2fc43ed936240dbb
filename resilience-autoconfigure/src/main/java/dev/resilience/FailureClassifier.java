package dev.resilience;

/**
 * Classifies failures before the built-in rules: declare beans of this type (ordered with
 * {@code @Order} or {@code Ordered}) to teach the starter about your own exceptions. The
 * policy's {@code classifier.*} lists still take precedence.
 */
@FunctionalInterface
public interface FailureClassifier {

	/**
	 * Classifies one failure of a call made under {@code policy}.
	 * @return the classification, or {@code null} to let the next classifier decide
	 */
	Classification classify(String policy, Throwable failure);

}
