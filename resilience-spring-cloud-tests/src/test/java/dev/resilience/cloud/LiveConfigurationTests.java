package dev.resilience.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.resilience.CircuitOpenException;
import dev.resilience.Resilience;
import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Live configuration through Spring Cloud's own refresh: the application's configuration file
 * changes (as a mounted ConfigMap does) and {@link ContextRefresher} publishes the
 * {@link EnvironmentChangeEvent}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LiveConfigurationTests {

	private static final String BASE = """
			resilience.defaults.retry.backoff.jitter=0
			resilience.policies.quotes.circuit-breaker.minimum-number-of-calls=10
			resilience.policies.quotes.circuit-breaker.sliding-window-size=10
			""";

	@TempDir
	Path directory;

	private Path file;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() throws IOException {
		this.file = this.directory.resolve("application.properties");
		Files.writeString(this.file, BASE + "resilience.policies.quotes.retry.max-attempts=2\n");
		this.context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.run("--spring.config.location=file:" + this.file);
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void aValidChangeAppliesToTheNextCallAndKeepsTheCircuitsWindowAndCounts() throws Exception {
		assertThat(failingCall()).hasValue(2);
		Policy before = policy();
		assertThat(before.circuitBreaker().bufferedCalls()).isEqualTo(2);
		Set<String> keys = refreshWith("resilience.policies.quotes.retry.max-attempts=4\n");
		assertThat(keys).contains("resilience.policies.quotes.retry.max-attempts");
		assertThat(policy()).isSameAs(before);
		assertThat(policy().settings().retry().maxAttempts()).isEqualTo(4);
		assertThat(policy().circuitBreaker().bufferedCalls()).isEqualTo(2);
		assertThat(failingCall()).hasValue(4);
		assertThat(policy().circuitBreaker().bufferedCalls()).isEqualTo(6);
		assertThat(policy().counts().get(CallOutcome.EXHAUSTED)).isEqualTo(2);
	}

	@Test
	void aChangedWindowSizeStartsAFreshWindowAndKeepsTheState() throws Exception {
		failingCall();
		assertThat(policy().circuitBreaker().bufferedCalls()).isEqualTo(2);
		refreshWith("resilience.policies.quotes.retry.max-attempts=2\n"
				+ "resilience.policies.quotes.circuit-breaker.sliding-window-size=20\n");
		assertThat(policy().circuitBreaker().config().slidingWindowSize()).isEqualTo(20);
		assertThat(policy().circuitBreaker().state()).isEqualTo(CircuitState.CLOSED);
		assertThat(policy().circuitBreaker().bufferedCalls()).isZero();
	}

	@Test
	void anOpenCircuitStaysOpenWhenItsThresholdsChange() throws Exception {
		for (int i = 0; i < 5; i++) {
			failingCall();
		}
		assertThat(policy().circuitBreaker().state()).isEqualTo(CircuitState.OPEN);
		refreshWith("resilience.policies.quotes.retry.max-attempts=2\n"
				+ "resilience.policies.quotes.circuit-breaker.failure-rate-threshold=90\n");
		assertThat(policy().circuitBreaker().state()).isEqualTo(CircuitState.OPEN);
		assertThat(policy().circuitBreaker().config().failureRateThreshold()).isEqualTo(90f);
	}

	@Test
	void anInvalidChangeIsAnErrorNamingTheKeyAndTheOldSettingsStay(CapturedOutput output) throws Exception {
		refreshWith("resilience.policies.quotes.retry.max-attempts=0\n");
		assertThat(output).contains("ERROR").contains("resilience.policies.quotes.retry.max-attempts=0 must be at least 1");
		assertThat(policy().settings().retry().maxAttempts()).isEqualTo(2);
		assertThat(failingCall()).hasValue(2);
	}

	@Test
	void aValueThatCannotBeConvertedIsAnErrorNamingTheKey(CapturedOutput output) throws Exception {
		// Spring Cloud then fails to rebind the starter's @ConfigurationProperties bean as well, and
		// says so from refresh(); the policies were bound (and kept) before that.
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> refreshWith("resilience.policies.quotes.retry.max-attempts=2\n"
					+ "resilience.policies.quotes.circuit-breaker.wait-duration-in-open-state=soon\n"));
		assertThat(output).contains("ERROR")
			.contains("resilience.policies.quotes.circuit-breaker.wait-duration-in-open-state=soon");
		assertThat(policy().circuitBreaker().config().waitDurationInOpenState()).hasSeconds(30);
	}

	@Test
	void forcedStateFromConfigurationMovesTheCircuitAtOnceAndNoneReleasesIt() throws Exception {
		refreshWith("resilience.policies.quotes.retry.max-attempts=2\n"
				+ "resilience.policies.quotes.circuit-breaker.forced-state=forced-open\n");
		assertThat(policy().circuitBreaker().state()).isEqualTo(CircuitState.FORCED_OPEN);
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(CircuitOpenException.class)
			.isThrownBy(() -> resilience().call("quotes", attempts::incrementAndGet));
		assertThat(attempts).hasValue(0);
		refreshWith("resilience.policies.quotes.retry.max-attempts=2\n"
				+ "resilience.policies.quotes.circuit-breaker.forced-state=disabled\n");
		assertThat(policy().circuitBreaker().state()).isEqualTo(CircuitState.DISABLED);
		refreshWith("resilience.policies.quotes.retry.max-attempts=2\n"
				+ "resilience.policies.quotes.circuit-breaker.forced-state=none\n");
		assertThat(policy().circuitBreaker().state()).isEqualTo(CircuitState.CLOSED);
		assertThat(resilience().call("quotes", attempts::incrementAndGet)).isEqualTo(1);
	}

	@Test
	void defaultsChangeEveryPolicyThatInheritsThem() throws Exception {
		resilience().call("search", () -> "ok");
		refreshWith("resilience.policies.quotes.retry.max-attempts=2\nresilience.defaults.retry.max-attempts=5\n");
		assertThat(registry().find("search").settings().retry().maxAttempts()).isEqualTo(5);
		assertThat(policy().settings().retry().maxAttempts()).isEqualTo(2);
	}

	@Test
	void aNewlyConfiguredPolicyIsBound() throws Exception {
		refreshWith("resilience.policies.quotes.retry.max-attempts=2\n"
				+ "resilience.policies.payments.retry.max-attempts=7\n");
		assertThat(registry().find("payments")).isNotNull();
		assertThat(registry().find("payments").configured()).isTrue();
		assertThat(registry().find("payments").settings().retry().maxAttempts()).isEqualTo(7);
	}

	@Test
	void aBulkheadChangeWaitsForARestartWhileTheOtherChangesApply(CapturedOutput output) throws Exception {
		refreshWith("resilience.policies.quotes.retry.max-attempts=4\n"
				+ "resilience.policies.quotes.bulkhead.max-concurrent-calls=2\n");
		assertThat(output).contains("WARN").contains("Policy 'quotes': bulkhead.* keys changed");
		assertThat(policy().settings().bulkhead().bounded()).isFalse();
		assertThat(policy().settings().retry().maxAttempts()).isEqualTo(4);
	}

	@Test
	void aRunTimeChangeOfTheActuatorTakesTheSamePathAndOutlivesARefresh() throws Exception {
		registry().change(policy(), "retry.max-attempts", "3");
		assertThat(failingCall()).hasValue(3);
		refreshWith("resilience.policies.quotes.retry.max-attempts=5\n"
				+ "resilience.policies.quotes.circuit-breaker.failure-rate-threshold=80\n");
		assertThat(policy().settings().retry().maxAttempts()).isEqualTo(3);
		assertThat(policy().circuitBreaker().config().failureRateThreshold()).isEqualTo(80f);
	}

	private Set<String> refreshWith(String policyKeys) throws IOException {
		Files.writeString(this.file, BASE + policyKeys);
		return this.context.getBean(ContextRefresher.class).refresh();
	}

	private AtomicInteger failingCall() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		try {
			resilience().call("quotes", () -> {
				attempts.incrementAndGet();
				throw new IOException("connection reset");
			});
		}
		catch (IOException | CircuitOpenException expected) {
			// exhausted, or rejected once the circuit opened
		}
		return attempts;
	}

	private Policy policy() {
		return registry().find("quotes");
	}

	private PolicyRegistry registry() {
		return this.context.getBean(PolicyRegistry.class);
	}

	private Resilience resilience() {
		return this.context.getBean(Resilience.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		NoWaits sleeper() {
			return new NoWaits();
		}

	}

}
