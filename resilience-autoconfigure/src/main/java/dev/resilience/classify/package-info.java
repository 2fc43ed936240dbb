/**
 * Failure classification: decides, for each failure of a policy, whether it is transient
 * (retried, recorded by the circuit breaker), permanent (ended at once, not recorded) or ignored
 * (a business outcome), and whether it happened before the request was sent.
 * <p>
 * Precedence, first rule that decides wins (see {@link dev.resilience.classify.Classifier}):
 * the policy's {@code classifier.*} lists, then the user's
 * {@link dev.resilience.FailureClassifier} beans, then {@code @Permanent}/{@code @Transient},
 * then the built-in table. Every rule but the beans searches the failure's cause chain
 * (outermost first, at most 16 deep, cycles cut); the built-in table does so in three passes:
 * statuses, then permanent types, then transient types.
 */
package dev.resilience.classify;
