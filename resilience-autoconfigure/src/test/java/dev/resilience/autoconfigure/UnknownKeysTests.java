package dev.resilience.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.resilience.policy.InvalidSettingException;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A misspelled key under {@code resilience.} fails startup naming the key and the closest known
 * one; every relaxed spelling of a known key is known.
 */
class UnknownKeysTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(FlakyService.class);

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			resilience.policies.payments.retry.max-attemps=9             | retry.max-attempts
			resilience.policies.payments.retry.maxAttemps=9              | retry.max-attempts
			resilience.policies.payments.retry.backoff.jiter=0           | retry.backoff.jitter
			resilience.defaults.retry.backof.jitter=0                    | retry.backoff.jitter
			resilience.defaults.circuit-breaker.failure-rate=10          | circuit-breaker.failure-rate-threshold
			resilience.policies.payments.http.timeout=1s                 | http.read-timeout
			resilience.enable=false                                      | resilience.enabled
			resilience.logging.repeat-intervall=1s                       | resilience.logging.repeat-interval
			resilience.polices.payments.retry.max-attempts=2             | resilience.policies.payments.retry.max-attempts
			resilience.max-unconfigured-policy=5                         | resilience.max-unconfigured-policies
			resilience.policies.payments.classifier.retry-on.first=x     | classifier.retry-on
			""")
	void unknownKeyFailsStartupNamingItAndTheClosestKnownKey(String property, String closest) {
		String key = property.substring(0, property.indexOf('='));
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis report = StartupFailureReport.of(context.getStartupFailure());
			assertThat(report).isNotNull();
			assertThat(report.getCause()).isInstanceOf(InvalidSettingException.class);
			assertThat(report.getDescription()).contains("Property: " + key).contains("not a resilience setting");
			assertThat(report.getAction()).contains("Did you mean `" + closest + "`?");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "resilience.policies.payments.retry.max-attempts",
			"resilience.policies.payments.retry.maxAttempts", "resilience.policies.payments.retry.max_attempts",
			"resilience.policies.payments.retry.MAX-ATTEMPTS" })
	void relaxedSpellingsOfAKnownKeyAreKnown(String key) {
		this.runner.withPropertyValues(key + "=5").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(PolicyRegistry.class).find("payments").settings().retry().maxAttempts())
				.isEqualTo(5);
		});
	}

	@Test
	void environmentVariablesOfKnownKeysAreKnown() {
		Map<String, Object> variables = Map.of("RESILIENCE_POLICIES_PAYMENTS_RETRY_MAXATTEMPTS", "5",
				"RESILIENCE_DEFAULTS_CLASSIFIER_RETRYON_0", "java.io.IOException",
				"RESILIENCE_LOGGING_REPEATINTERVAL", "5s", "RESILIENCE_MAXUNCONFIGUREDPOLICIES", "10");
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PolicyRegistry.class).find("payments").settings().retry().maxAttempts())
					.isEqualTo(5);
			});
	}

	@Test
	void aMisspelledEnvironmentVariableIsNamedAsWritten() {
		Map<String, Object> variables = Map.of("RESILIENCE_POLICIES_PAYMENTS_RETRY_MAXATTEMPS", "5");
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables)))
			.run((context) -> {
				FailureAnalysis report = StartupFailureReport.of(context.getStartupFailure());
				assertThat(report.getDescription()).contains("RESILIENCE_POLICIES_PAYMENTS_RETRY_MAXATTEMPS");
				assertThat(report.getAction()).contains("Did you mean `retry.max-attempts`?");
			});
	}

	@Test
	void indexedAndCommaSeparatedListsAndIndexedPolicyNamesAreKnown() {
		this.runner
			.withPropertyValues("resilience.policies.payments.classifier.retry-on[0]=java.io.IOException",
					"resilience.policies.payments.classifier.abort-on=java.lang.IllegalStateException,java.lang.Error",
					"resilience.policies[a.b].enabled=true",
					"resilience.defaults.circuitBreaker.slidingWindowSize=50")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
