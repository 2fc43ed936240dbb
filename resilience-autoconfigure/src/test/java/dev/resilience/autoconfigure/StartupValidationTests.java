package dev.resilience.autoconfigure;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.policy.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of the contract's startup validation fails the context with the full key named. */
class StartupValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(FlakyService.class);

	static Stream<Arguments> invalidSettings() {
		String p = "resilience.policies.flaky.";
		String d = "resilience.defaults.";
		return Stream.of(Arguments.of(p + "retry.max-attempts", "0"), Arguments.of(d + "retry.max-attempts", "-1"),
				Arguments.of(p + "retry.backoff.multiplier", "0.5"), Arguments.of(p + "retry.backoff.jitter", "1.5"),
				Arguments.of(d + "retry.backoff.jitter", "-0.1"),
				Arguments.of(p + "retry.backoff.initial-interval", "0ms"),
				Arguments.of(p + "retry.backoff.initial-interval", "-5s"),
				Arguments.of(p + "retry.backoff.max-interval", "0s"),
				Arguments.of(p + "retry.backoff.initial-interval", "20s"),
				Arguments.of(p + "retry.max-elapsed-time", "0s"), Arguments.of(p + "retry.max-retry-after", "-1s"),
				Arguments.of(p + "retry.backoff.policy-bean", "noSuchBean"),
				Arguments.of(p + "circuit-breaker.failure-rate-threshold", "0"),
				Arguments.of(p + "circuit-breaker.failure-rate-threshold", "101"),
				Arguments.of(p + "circuit-breaker.slow-call-rate-threshold", "0"),
				Arguments.of(p + "circuit-breaker.sliding-window-size", "0"),
				Arguments.of(p + "circuit-breaker.minimum-number-of-calls", "0"),
				Arguments.of(p + "circuit-breaker.minimum-number-of-calls", "101"),
				Arguments.of(p + "circuit-breaker.sliding-window-size", "2000000"),
				Arguments.of(p + "circuit-breaker.permitted-calls-in-half-open-state", "70000"),
				Arguments.of(p + "circuit-breaker.permitted-calls-in-half-open-state", "0"),
				Arguments.of(p + "circuit-breaker.wait-duration-in-open-state", "0s"),
				Arguments.of(p + "circuit-breaker.slow-call-duration-threshold", "-1ms"),
				Arguments.of(p + "classifier.retry-on[0]", "com.example.NoSuchException"),
				Arguments.of(p + "classifier.abort-on[0]", "java.lang.String"),
				Arguments.of(p + "classifier.ignore[0]", "java.util.Map.Entry"),
				Arguments.of(p + "http.connect-timeout", "0s"), Arguments.of(p + "http.read-timeout", "-1s"),
				Arguments.of(p + "supervise.stable-after", "0s"),
				Arguments.of(p + "timeout.attempt", "0ms"), Arguments.of(d + "timeout.total", "-1s"),
				Arguments.of(p + "timeout.total", "300000d"), Arguments.of(p + "bulkhead.max-concurrent-calls", "0"),
				Arguments.of(d + "bulkhead.max-concurrent-calls", "-3"), Arguments.of(p + "bulkhead.max-wait", "-1ms"),
				Arguments.of(p + "bulkhead.max-wait", "300000d"),
				Arguments.of("resilience.logging.repeat-interval", "0s"),
				// Longer than nanoseconds can count (about 292 years): unrepresentable, not "forever".
				Arguments.of(p + "retry.backoff.max-interval", "200000d"),
				Arguments.of(d + "retry.max-elapsed-time", "200000d"),
				Arguments.of(p + "retry.max-retry-after", "200000d"),
				Arguments.of(p + "circuit-breaker.wait-duration-in-open-state", "200000d"),
				Arguments.of(p + "circuit-breaker.slow-call-duration-threshold", "200000d"),
				Arguments.of(p + "http.read-timeout", "200000d"), Arguments.of(p + "supervise.stable-after", "200000d"),
				Arguments.of("resilience.logging.repeat-interval", "200000d"), Arguments.of(p + "retry.budget.ratio", "0"),
				Arguments.of(d + "retry.budget.ratio", "1.5"), Arguments.of(p + "retry.budget.ratio", "NaN"),
				Arguments.of(p + "retry.budget.min-retries-per-second", "-1"),
				Arguments.of(p + "retry.budget.window", "0s"), Arguments.of(p + "retry.budget.window", "200000d"));
	}

	@Test
	void anAttemptLimitLongerThanTheTotalFailsStartupNamingBoth() {
		this.runner
			.withPropertyValues("resilience.policies.flaky.timeout.attempt=10s",
					"resilience.policies.flaky.timeout.total=5s")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidSettingFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("resilience.policies.flaky.timeout.attempt")
					.contains("timeout.total (5s)");
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("invalidSettings")
	void invalidSettingFailsStartupNamingTheKey(String key, String value) {
		this.runner.withPropertyValues(key + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidSettingFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as("no InvalidSettingException in %s", context.getStartupFailure()).isNotNull();
			assertThat(analysis.getDescription()).contains(key);
			assertThat(analysis.getAction()).isNotBlank();
			assertThat(analysis.getCause()).isInstanceOf(InvalidSettingException.class);
		});
	}

}
