package dev.resilience.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.resilience.circuit.CircuitBreakerConfig;
import dev.resilience.policy.Durations;
import dev.resilience.policy.PolicySettings;
import dev.resilience.retry.BackoffSettings;
import dev.resilience.retry.BudgetSettings;
import dev.resilience.retry.RetrySettings;

/**
 * A policy's effective settings as the endpoint shows them: the keys of
 * {@code resilience.policies.<name>} in kebab-case, values as they would be written in
 * {@code application.yml} (durations in the largest exact unit, class names as loaded).
 */
final class SettingsDescription {

	private SettingsDescription() {
	}

	static Map<String, Object> of(PolicySettings settings) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("enabled", settings.enabled());
		config.put("retry", retry(settings.retry()));
		config.put("circuit-breaker", circuitBreaker(settings.circuitBreaker()));
		Map<String, Object> classifier = new LinkedHashMap<>();
		classifier.put("retry-on", names(settings.classifier().retryOn()));
		classifier.put("abort-on", names(settings.classifier().abortOn()));
		classifier.put("ignore", names(settings.classifier().ignore()));
		config.put("classifier", classifier);
		Map<String, Object> http = new LinkedHashMap<>();
		http.put("connect-timeout", Durations.format(settings.http().connectTimeout()));
		http.put("read-timeout", Durations.format(settings.http().readTimeout()));
		config.put("http", http);
		Map<String, Object> supervise = new LinkedHashMap<>();
		supervise.put("stable-after", Durations.format(settings.stableAfter()));
		config.put("supervise", supervise);
		Map<String, Object> timeout = new LinkedHashMap<>();
		timeout.put("attempt", Durations.format(settings.timeout().attempt()));
		timeout.put("total", Durations.format(settings.timeout().total()));
		config.put("timeout", timeout);
		Map<String, Object> bulkhead = new LinkedHashMap<>();
		bulkhead.put("max-concurrent-calls", settings.bulkhead().maxConcurrentCalls());
		bulkhead.put("max-wait", Durations.format(settings.bulkhead().maxWait()));
		config.put("bulkhead", bulkhead);
		return config;
	}

	private static Map<String, Object> retry(RetrySettings retry) {
		BackoffSettings backoff = retry.backoff();
		Map<String, Object> backoffMap = new LinkedHashMap<>();
		backoffMap.put("initial-interval", Durations.format(backoff.initialInterval()));
		backoffMap.put("multiplier", backoff.multiplier());
		backoffMap.put("max-interval", Durations.format(backoff.maxInterval()));
		backoffMap.put("jitter", backoff.jitter());
		backoffMap.put("immediate-first-retry", backoff.immediateFirstRetry());
		backoffMap.put("policy-bean", retry.policyBean());
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("max-attempts", retry.maxAttempts());
		map.put("backoff", backoffMap);
		map.put("max-elapsed-time", Durations.format(retry.maxElapsedTime()));
		map.put("max-retry-after", Durations.format(retry.maxRetryAfter()));
		BudgetSettings budget = retry.budget();
		Map<String, Object> budgetMap = new LinkedHashMap<>();
		budgetMap.put("enabled", budget.enabled());
		budgetMap.put("ratio", budget.ratio());
		budgetMap.put("min-retries-per-second", budget.minRetriesPerSecond());
		budgetMap.put("window", Durations.format(budget.window()));
		map.put("budget", budgetMap);
		map.put("retry-after-scope", retry.retryAfterScope().name().toLowerCase(Locale.ROOT));
		return map;
	}

	private static Map<String, Object> circuitBreaker(CircuitBreakerConfig breaker) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("enabled", breaker.enabled());
		map.put("sliding-window-type", breaker.windowType().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		map.put("sliding-window-size", breaker.slidingWindowSize());
		map.put("minimum-number-of-calls", breaker.minimumNumberOfCalls());
		map.put("failure-rate-threshold", breaker.failureRateThreshold());
		map.put("slow-call-duration-threshold", Durations.format(breaker.slowCallDurationThreshold()));
		map.put("slow-call-rate-threshold", breaker.slowCallRateThreshold());
		map.put("wait-duration-in-open-state", Durations.format(breaker.waitDurationInOpenState()));
		map.put("permitted-calls-in-half-open-state", breaker.permittedCallsInHalfOpenState());
		map.put("forced-state", breaker.forcedState().name().toLowerCase(Locale.ROOT).replace('_', '-'));
		return map;
	}

	private static List<String> names(List<Class<? extends Throwable>> classes) {
		return classes.stream().map(Class::getName).toList();
	}

}
