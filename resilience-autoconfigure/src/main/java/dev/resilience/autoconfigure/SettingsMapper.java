package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanNotOfRequiredTypeException;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.util.ClassUtils;

import dev.resilience.circuit.CircuitBreakerConfig;
import dev.resilience.circuit.WindowType;
import dev.resilience.classify.ClassifierConfig;
import dev.resilience.limit.BulkheadSettings;
import dev.resilience.limit.TimeoutSettings;
import dev.resilience.policy.Durations;
import dev.resilience.policy.HttpSettings;
import dev.resilience.policy.InvalidSettingException;
import dev.resilience.policy.PolicySettings;
import dev.resilience.retry.BackoffSettings;
import dev.resilience.retry.BudgetSettings;
import dev.resilience.retry.RetryAfterScope;
import dev.resilience.retry.RetrySettings;

/**
 * Maps bound properties into immutable settings, checking every rule of the contract on the way:
 * the first broken rule fails with the full key, the value, the rule and the fix.
 */
final class SettingsMapper {

	/** Limits of the breaker's packed counters. */
	private static final int MAX_WINDOW = 1_048_575;

	private static final int MAX_HALF_OPEN_CALLS = 65_535;

	/** The longest duration any setting may have: {@code Long.MAX_VALUE} nanoseconds, about 292 years. */
	static final Duration MAX_DURATION = Duration.ofNanos(Long.MAX_VALUE);

	private final BeanFactory beanFactory;

	private final ClassLoader classLoader;

	SettingsMapper(BeanFactory beanFactory, ClassLoader classLoader) {
		this.beanFactory = beanFactory;
		this.classLoader = classLoader;
	}

	/** @param prefix the properties' own prefix, e.g. {@code resilience.policies.payments} */
	PolicySettings map(String prefix, PolicyProperties properties) {
		Keys keys = new Keys(prefix);
		RetrySettings retry = retry(keys, properties.getRetry());
		CircuitBreakerConfig breaker = circuitBreaker(keys, properties.getCircuitBreaker());
		ClassifierConfig classifier = classifier(keys, properties.getClassifier());
		HttpSettings http = new HttpSettings(
				positive(keys.of("http.connect-timeout"), properties.getHttp().getConnectTimeout()),
				positive(keys.of("http.read-timeout"), properties.getHttp().getReadTimeout()));
		Duration stableAfter = positive(keys.of("supervise.stable-after"), properties.getSupervise().getStableAfter());
		return new PolicySettings(properties.isEnabled(), retry, breaker, classifier, http, stableAfter,
				timeout(keys, properties.getTimeout()), bulkhead(keys, properties.getBulkhead()));
	}

	TimeoutSettings timeout(Keys keys, PolicyProperties.Timeout timeout) {
		Duration attempt = (timeout.getAttempt() != null)
				? positive(keys.of("timeout.attempt"), timeout.getAttempt())
				: null;
		Duration total = (timeout.getTotal() != null)
				? positive(keys.of("timeout.total"), timeout.getTotal())
				: null;
		if (attempt != null && total != null && attempt.compareTo(total) > 0) {
			throw new InvalidSettingException(keys.of("timeout.attempt"), format(attempt),
					"must not be longer than timeout.total (" + format(total) + ")",
					"Lower " + keys.of("timeout.attempt") + " or raise " + keys.of("timeout.total") + ".");
		}
		return (attempt == null && total == null) ? TimeoutSettings.none() : new TimeoutSettings(attempt, total);
	}

	private static BulkheadSettings bulkhead(Keys keys, PolicyProperties.Bulkhead bulkhead) {
		Duration maxWait = bulkhead.getMaxWait();
		if (maxWait == null || maxWait.isNegative()) {
			throw new InvalidSettingException(keys.of("bulkhead.max-wait"), (maxWait != null) ? format(maxWait) : "(empty)",
					"must be zero or a positive duration",
					"Set " + keys.of("bulkhead.max-wait") + " to 0ms (reject at once) or a duration such as 100ms.");
		}
		representable(keys.of("bulkhead.max-wait"), maxWait);
		Integer max = bulkhead.getMaxConcurrentCalls();
		if (max == null) {
			return BulkheadSettings.none();
		}
		atLeast(keys.of("bulkhead.max-concurrent-calls"), max, 1, "calls of the policy at once");
		return new BulkheadSettings(max, maxWait);
	}

	/** A duration must fit in nanoseconds (about 292 years) for the clock arithmetic. */
	static Duration representable(String key, Duration value) {
		try {
			value.toNanos();
			return value;
		}
		catch (ArithmeticException ex) {
			throw new InvalidSettingException(key, format(value), "is too long to be represented in nanoseconds",
					"Set " + key + " to a duration shorter than 292 years.");
		}
	}

	RetrySettings retry(Keys keys, RetryProperties retry) {
		RetryProperties.Backoff backoff = retry.getBackoff();
		atLeast(keys.of("retry.max-attempts"), retry.getMaxAttempts(), 1, "total attempts, 1 means no retry");
		Duration initial = positive(keys.of("retry.backoff.initial-interval"), backoff.getInitialInterval());
		Duration max = positive(keys.of("retry.backoff.max-interval"), backoff.getMaxInterval());
		if (initial.compareTo(max) > 0) {
			throw new InvalidSettingException(keys.of("retry.backoff.initial-interval"), format(initial),
					"must not be greater than max-interval (" + format(max) + ")",
					"Lower " + keys.of("retry.backoff.initial-interval") + " or raise " + keys.of("retry.backoff.max-interval")
							+ ".");
		}
		double multiplier = backoff.getMultiplier();
		if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
			throw new InvalidSettingException(keys.of("retry.backoff.multiplier"), multiplier,
					"must be at least 1.0 (waits never shrink)",
					"Set " + keys.of("retry.backoff.multiplier") + " to 1.0 for a fixed interval, or above for growth.");
		}
		double jitter = backoff.getJitter();
		if (!(jitter >= 0.0 && jitter <= 1.0)) {
			throw new InvalidSettingException(keys.of("retry.backoff.jitter"), jitter, "must be between 0 and 1",
					"Set " + keys.of("retry.backoff.jitter") + " to a value in [0,1], for example 0.5; 0 disables jitter.");
		}
		Duration maxElapsed = (retry.getMaxElapsedTime() != null)
				? positive(keys.of("retry.max-elapsed-time"), retry.getMaxElapsedTime()) : null;
		Duration maxRetryAfter = positive(keys.of("retry.max-retry-after"), retry.getMaxRetryAfter());
		String policyBean = backoff.getPolicyBean();
		BackOffPolicy custom = (policyBean != null && !policyBean.isBlank())
				? backOffBean(keys.of("retry.backoff.policy-bean"), policyBean) : null;
		RetryAfterScope scope = (retry.getRetryAfterScope() != null) ? retry.getRetryAfterScope()
				: RetryAfterScope.POLICY;
		return new RetrySettings(retry.getMaxAttempts(),
				new BackoffSettings(initial, multiplier, max, jitter, backoff.isImmediateFirstRetry()), maxElapsed,
				maxRetryAfter, (custom != null) ? policyBean : null, custom, budget(keys, retry.getBudget()), scope);
	}

	private static BudgetSettings budget(Keys keys, RetryProperties.Budget budget) {
		double ratio = budget.getRatio();
		if (!(ratio > 0.0 && ratio <= 1.0)) {
			throw new InvalidSettingException(keys.of("retry.budget.ratio"), ratio, "must be in (0,1]",
					"Set " + keys.of("retry.budget.ratio") + " to a share above 0 and at most 1, for example 0.2; "
							+ "set " + keys.of("retry.budget.enabled") + " to false for no budget.");
		}
		double min = budget.getMinRetriesPerSecond();
		if (!(min >= 0.0) || Double.isInfinite(min)) {
			throw new InvalidSettingException(keys.of("retry.budget.min-retries-per-second"), min,
					"must be a finite number of at least 0",
					"Set " + keys.of("retry.budget.min-retries-per-second") + " to 0 or more, for example 10.");
		}
		Duration window = positive(keys.of("retry.budget.window"), budget.getWindow());
		return new BudgetSettings(budget.isEnabled(), ratio, min, window);
	}

	private BackOffPolicy backOffBean(String key, String name) {
		try {
			return this.beanFactory.getBean(name, BackOffPolicy.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new InvalidSettingException(key, name, "no BackOffPolicy bean named '" + name + "' exists",
					"Declare a bean of type org.springframework.retry.backoff.BackOffPolicy named '" + name
							+ "', or remove " + key + ".");
		}
		catch (BeanNotOfRequiredTypeException ex) {
			throw new InvalidSettingException(key, name,
					"bean '" + name + "' is a " + ex.getActualType().getName() + ", not a BackOffPolicy",
					"Name a bean of type org.springframework.retry.backoff.BackOffPolicy in " + key + ".");
		}
	}

	private CircuitBreakerConfig circuitBreaker(Keys keys, CircuitBreakerProperties cb) {
		atLeast(keys.of("circuit-breaker.sliding-window-size"), cb.getSlidingWindowSize(), 1,
				"calls (count-based) or seconds (time-based)");
		atLeast(keys.of("circuit-breaker.minimum-number-of-calls"), cb.getMinimumNumberOfCalls(), 1,
				"calls recorded before any verdict");
		atLeast(keys.of("circuit-breaker.permitted-calls-in-half-open-state"), cb.getPermittedCallsInHalfOpenState(),
				1, "trial calls while half-open");
		atMost(keys.of("circuit-breaker.sliding-window-size"), cb.getSlidingWindowSize(), MAX_WINDOW);
		atMost(keys.of("circuit-breaker.permitted-calls-in-half-open-state"), cb.getPermittedCallsInHalfOpenState(),
				MAX_HALF_OPEN_CALLS);
		if (cb.getSlidingWindowType() == WindowType.COUNT_BASED
				&& cb.getMinimumNumberOfCalls() > cb.getSlidingWindowSize()) {
			String key = keys.of("circuit-breaker.minimum-number-of-calls");
			throw new InvalidSettingException(key, cb.getMinimumNumberOfCalls(),
					"must not exceed sliding-window-size (" + cb.getSlidingWindowSize()
							+ ") of a count-based window, or the circuit could never open",
					"Lower " + key + " or raise " + keys.of("circuit-breaker.sliding-window-size") + ".");
		}
		percent(keys.of("circuit-breaker.failure-rate-threshold"), cb.getFailureRateThreshold());
		percent(keys.of("circuit-breaker.slow-call-rate-threshold"), cb.getSlowCallRateThreshold());
		Duration slow = (cb.getSlowCallDurationThreshold() != null)
				? positive(keys.of("circuit-breaker.slow-call-duration-threshold"), cb.getSlowCallDurationThreshold())
				: null;
		Duration wait = positive(keys.of("circuit-breaker.wait-duration-in-open-state"),
				cb.getWaitDurationInOpenState());
		if (cb.getForcedState() == null) {
			throw new InvalidSettingException(keys.of("circuit-breaker.forced-state"), "(empty)",
					"must be one of none, forced-open, disabled", "Set " + keys.of("circuit-breaker.forced-state")
							+ " to none to let the circuit move by its own rules.");
		}
		return new CircuitBreakerConfig(cb.isEnabled(), cb.getSlidingWindowType(), cb.getSlidingWindowSize(),
				cb.getMinimumNumberOfCalls(), cb.getFailureRateThreshold(), slow, cb.getSlowCallRateThreshold(), wait,
				cb.getPermittedCallsInHalfOpenState(), cb.getForcedState());
	}

	private ClassifierConfig classifier(Keys keys, ClassifierProperties classifier) {
		return new ClassifierConfig(classes(keys.of("classifier.retry-on"), classifier.getRetryOn()),
				classes(keys.of("classifier.abort-on"), classifier.getAbortOn()),
				classes(keys.of("classifier.ignore"), classifier.getIgnore()));
	}

	@SuppressWarnings("unchecked")
	private List<Class<? extends Throwable>> classes(String key, List<String> names) {
		List<Class<? extends Throwable>> classes = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i).trim();
			String indexed = key + "[" + i + "]";
			Class<?> type;
			try {
				type = ClassUtils.forName(name, this.classLoader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				throw new InvalidSettingException(indexed, name, "class not found",
						"Use the fully qualified name of an exception class on the classpath "
								+ "(nested classes as Outer$Inner).");
			}
			if (!Throwable.class.isAssignableFrom(type)) {
				throw new InvalidSettingException(indexed, name, "is not an exception class (not a Throwable)",
						"List only exception classes under " + key + ".");
			}
			classes.add((Class<? extends Throwable>) type);
		}
		return List.copyOf(classes);
	}

	private static void atMost(String key, int value, int max) {
		if (value > max) {
			throw new InvalidSettingException(key, value, "must be at most " + max, "Set " + key + " to " + max
					+ " or less.");
		}
	}

	static void atLeast(String key, int value, int min, String meaning) {
		if (value < min) {
			throw new InvalidSettingException(key, value, "must be at least " + min + " (" + meaning + ")",
					"Set " + key + " to " + min + " or more.");
		}
	}

	private static void percent(String key, float value) {
		if (!(value > 0 && value <= 100)) {
			throw new InvalidSettingException(key, value, "must be a percentage in (0,100]",
					"Set " + key + " to a value above 0 and at most 100.");
		}
	}

	/**
	 * A positive duration that fits in nanoseconds (about 292 years), so that no computation on it
	 * can overflow at run time.
	 */
	static Duration positive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidSettingException(key, (value != null) ? format(value) : "(empty)",
					"must be a positive duration",
					"Set " + key + " to a positive duration such as 100ms or 2s.");
		}
		return representable(key, value);
	}

	static String format(Duration duration) {
		return (duration.compareTo(MAX_DURATION) > 0) ? duration.toDays() + "d" : Durations.format(duration);
	}

	/** Full keys under one prefix. */
	record Keys(String prefix) {

		String of(String relative) {
			return this.prefix + "." + relative;
		}

	}

}
