package dev.resilience.autoconfigure;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.policy.InvalidSettingException;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.policy.PolicySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bad input at startup and at run time, beyond the rule table of {@link StartupValidationTests}:
 * values of the wrong type, unknown enum values, negative durations, classes and beans that do
 * not exist. The report a user would see names the full key; a bad run-time change changes
 * nothing.
 */
class BadInputTests {

	private static final String P = "resilience.policies.flaky.";

	private static final String D = "resilience.defaults.";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(FlakyService.class);

	static Stream<Arguments> wrongTypes() {
		return Stream.of(Arguments.of(P + "retry.max-attempts", "abc"), Arguments.of(P + "retry.max-attempts", "3.5"),
				Arguments.of(P + "retry.max-attempts", "99999999999"), Arguments.of(P + "retry.backoff.jitter", "lots"),
				Arguments.of(P + "retry.backoff.initial-interval", "soon"),
				Arguments.of(D + "retry.backoff.multiplier", "fast"),
				Arguments.of(P + "retry.backoff.max-interval", "10 parsecs"),
				Arguments.of(P + "retry.backoff.immediate-first-retry", "perhaps"),
				Arguments.of(P + "retry.max-elapsed-time", "forever"),
				Arguments.of(P + "retry.max-retry-after", "1 fortnight"), Arguments.of(P + "enabled", "maybe"),
				Arguments.of(P + "circuit-breaker.enabled", "sometimes"),
				Arguments.of(P + "circuit-breaker.sliding-window-type", "sideways"),
				Arguments.of(D + "circuit-breaker.sliding-window-type", "round-robin"),
				Arguments.of(P + "circuit-breaker.forced-state", "half-open"),
				Arguments.of(P + "circuit-breaker.sliding-window-size", "big"),
				Arguments.of(P + "circuit-breaker.minimum-number-of-calls", "1.5"),
				Arguments.of(P + "circuit-breaker.failure-rate-threshold", "half"),
				Arguments.of(P + "circuit-breaker.slow-call-duration-threshold", "sluggish"),
				Arguments.of(P + "circuit-breaker.wait-duration-in-open-state", "a while"),
				Arguments.of(P + "circuit-breaker.permitted-calls-in-half-open-state", "few"),
				Arguments.of(P + "http.read-timeout", "slow"), Arguments.of(D + "http.connect-timeout", "2 light-years"),
				Arguments.of(P + "supervise.stable-after", "later"),
				Arguments.of("resilience.logging.repeat-interval", "often"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("wrongTypes")
	void valueOfTheWrongTypeFailsStartupWithBootsBindingReportNamingTheKey(String key, String value) {
		this.runner.withPropertyValues(key + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis report = StartupFailureReport.of(context.getStartupFailure());
			assertThat(report).as("no analyzer for %s", context.getStartupFailure()).isNotNull();
			assertThat(report.getCause()).isInstanceOf(BindException.class);
			assertThat(report.getDescription()).contains(key).contains(value);
			assertThat(report.getAction()).isNotBlank();
		});
	}

	static Stream<Arguments> invalidValues() {
		return Stream.of(Arguments.of(P + "retry.backoff.max-interval", "-1s"),
				Arguments.of(D + "retry.backoff.initial-interval", "-100ms"),
				Arguments.of(P + "retry.max-elapsed-time", "-5s"),
				Arguments.of(P + "circuit-breaker.wait-duration-in-open-state", "-30s"),
				Arguments.of(P + "http.connect-timeout", "-2s"), Arguments.of(P + "supervise.stable-after", "-1m"),
				Arguments.of("resilience.logging.repeat-interval", "-30s"),
				Arguments.of(P + "retry.backoff.multiplier", "NaN"),
				Arguments.of(P + "retry.backoff.multiplier", "Infinity"), Arguments.of(P + "retry.backoff.jitter", "NaN"),
				Arguments.of(P + "circuit-breaker.failure-rate-threshold", "NaN"),
				Arguments.of(P + "circuit-breaker.sliding-window-size", "-5"),
				Arguments.of(P + "classifier.abort-on[0]", "com.example.MissingException"),
				Arguments.of(P + "classifier.ignore[0]", "not a class name!"),
				Arguments.of(D + "classifier.retry-on[0]", "com.example.MissingException"),
				Arguments.of(D + "retry.backoff.policy-bean", "noSuchBean"),
				Arguments.of(P + "retry.backoff.policy-bean", "resilienceWaiter"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("invalidValues")
	void invalidValueFailsStartupWithAReportNamingTheKey(String key, String value) {
		this.runner.withPropertyValues(key + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis report = StartupFailureReport.of(context.getStartupFailure());
			assertThat(report).as("no analyzer for %s", context.getStartupFailure()).isNotNull();
			assertThat(report.getCause()).isInstanceOf(InvalidSettingException.class);
			assertThat(report.getDescription()).contains(key);
			assertThat(report.getAction()).isNotBlank();
		});
	}

	@Test
	void unloadableClassInTheMiddleOfAListIsNamedByItsIndex() {
		this.runner.withPropertyValues(P + "classifier.retry-on=java.io.IOException,com.example.MissingException")
			.run((context) -> {
				FailureAnalysis report = StartupFailureReport.of(context.getStartupFailure());
				assertThat(report.getDescription()).contains(P + "classifier.retry-on[1]")
					.contains("com.example.MissingException");
			});
	}

	static Stream<Arguments> invalidRuntimeChanges() {
		return Stream.of(Arguments.of("retry.max-atempts", "5"), Arguments.of("circuit-breaker.sliding-window-size", "5"),
				Arguments.of("retry.max-attempts", "abc"), Arguments.of("retry.max-attempts", "0"),
				Arguments.of("retry.backoff.jitter", "2"), Arguments.of("retry.backoff.jitter", "lots"),
				Arguments.of("retry.backoff.initial-interval", "-1s"),
				Arguments.of("retry.backoff.initial-interval", "20s"),
				Arguments.of("retry.backoff.multiplier", "0.5"), Arguments.of("retry.max-elapsed-time", "soon"),
				Arguments.of("retry.backoff.policy-bean", "noSuchBean"),
				Arguments.of("retry.backoff.policy-bean", "resilienceWaiter"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("invalidRuntimeChanges")
	void invalidRuntimeChangeIsRefusedNamingTheKeyAndChangesNothing(String key, String value) {
		this.runner.withPropertyValues(P + "retry.max-attempts=4", P + "retry.backoff.jitter=0.25").run((context) -> {
			PolicyRegistry registry = context.getBean(PolicyRegistry.class);
			Policy policy = registry.find("flaky");
			PolicySettings before = policy.settings();
			assertThatExceptionOfType(InvalidSettingException.class)
				.isThrownBy(() -> registry.change(policy, key, value))
				.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(P + key));
			assertThat(policy.settings()).isSameAs(before);
			// The refused value is not kept for later changes either.
			registry.change(policy, "retry.max-elapsed-time", "1m");
			assertThat(policy.settings().retry().maxAttempts()).isEqualTo(4);
			assertThat(policy.settings().retry().backoff()).isEqualTo(before.retry().backoff());
			assertThat(policy.settings().retry().customBackOff()).isNull();
		});
	}

}
