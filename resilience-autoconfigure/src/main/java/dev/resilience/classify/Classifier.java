package dev.resilience.classify;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.resilience.Classification;
import dev.resilience.FailureClassifier;

/**
 * Classifies the failures of one policy. The first rule that decides wins:
 * <ol>
 * <li>the policy's lists, {@code classifier.ignore}, {@code abort-on}, {@code retry-on}
 * ({@link ListRules}: most specific class wins, causes searched, outermost first). An ignored
 * failure is a business outcome: not retried, not recorded by the breaker (a half-open permit is
 * returned), no WARN, and no fallback: it reaches the caller as it is, and the call counts as
 * {@code aborted};</li>
 * <li>the user's {@link FailureClassifier} beans, in the given order, first non-{@code null}
 * answer; they see the failure itself (they may walk its causes). One that throws (an
 * {@code Error} included) is logged and the failure counts as transient, so that no path (a call,
 * a pass-through, a supervised connection) ever lets it escape or leaves a breaker permit taken;</li>
 * <li>{@code @Permanent} / {@code @Transient} on the failure's class or a superclass, then on
 * its causes' ({@link AnnotationRule});</li>
 * <li>the built-in table ({@link BuiltInRules}), which ends in "transient".</li>
 * </ol>
 * Built once per policy at startup; thread-safe. {@link #classify} runs only on failure paths.
 * It does not touch the thread's interrupt flag: whoever caught an {@link InterruptedException}
 * restores it.
 */
public final class Classifier {

	private static final Logger logger = LoggerFactory.getLogger(Classifier.class);

	private final String policy;

	private final ListRules listRules;

	private final List<FailureClassifier> userClassifiers;

	private final BuiltInRules builtInRules;

	/**
	 * @param policy the policy name, passed to the user classifiers
	 * @param config the policy's lists
	 * @param userClassifiers the user's classifier beans, already in order
	 * @param clock the clock against which a {@code Retry-After} date is measured
	 */
	public Classifier(String policy, ClassifierConfig config, List<FailureClassifier> userClassifiers, Clock clock) {
		this.policy = Objects.requireNonNull(policy, "policy must not be null");
		this.listRules = new ListRules(Objects.requireNonNull(config, "config must not be null"));
		this.userClassifiers = List.copyOf(Objects.requireNonNull(userClassifiers, "userClassifiers must not be null"));
		HttpStatusRule statusRule = new HttpStatusRule(StatusReaders.available(Classifier.class.getClassLoader()),
				Objects.requireNonNull(clock, "clock must not be null"));
		this.builtInRules = new BuiltInRules(statusRule);
	}

	/**
	 * The verdict for {@code failure}; never {@code null}, and never throws: a failure that
	 * cannot be classified (a user bean that throws, a cause chain that cannot be read) counts as
	 * transient, so that every path (a call, a pass-through, a supervised connection) records the
	 * attempt and returns its breaker permit, and the caller gets its own failure.
	 */
	public Verdict classify(Throwable failure) {
		Objects.requireNonNull(failure, "failure must not be null");
		try {
			return classifyChain(failure);
		}
		catch (Throwable ex) {
			// Described safely, without the stack: its messages may repeat the failure's (a body).
			logger.warn("Policy '{}': {} could not be classified ({}); treating it as transient", this.policy,
					failure.getClass().getName(), SafeDescription.of(ex));
			logger.debug("Classification failure of policy '{}'", this.policy, ex);
			return Verdict.of(Classification.TRANSIENT, "classification failed");
		}
	}

	private Verdict classifyChain(Throwable failure) {
		List<Throwable> chain = Causes.of(failure);
		Verdict verdict = this.listRules.classify(chain);
		if (verdict != null) {
			return verdict;
		}
		verdict = classifyByBeans(failure);
		if (verdict != null) {
			return verdict;
		}
		verdict = AnnotationRule.classify(chain);
		if (verdict != null) {
			return verdict;
		}
		return this.builtInRules.classify(chain);
	}

	private Verdict classifyByBeans(Throwable failure) {
		for (FailureClassifier classifier : this.userClassifiers) {
			Classification classification;
			try {
				classification = classifier.classify(this.policy, failure);
			}
			catch (Throwable ex) {
				logger.warn("Policy '{}': classifier bean {} failed on {} ({}); treating the failure as transient",
						this.policy, TypeNames.shortName(classifier.getClass()), failure.getClass().getName(),
						SafeDescription.of(ex));
				logger.debug("Failure of classifier bean {}", TypeNames.shortName(classifier.getClass()), ex);
				return Verdict.of(Classification.TRANSIENT,
						"classifier bean " + TypeNames.shortName(classifier.getClass()) + " failed");
			}
			if (classification != null) {
				return Verdict.of(classification, "classifier bean " + TypeNames.shortName(classifier.getClass()));
			}
		}
		return null;
	}

}
