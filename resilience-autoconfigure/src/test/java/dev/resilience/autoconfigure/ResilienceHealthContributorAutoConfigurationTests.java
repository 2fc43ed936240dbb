package dev.resilience.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.actuate.ResilienceHealthIndicator;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.InvalidSettingException;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceHealthContributorAutoConfiguration.class))
		.withPropertyValues("resilience.policies.payments.retry.max-attempts=2");

	@Test
	void reportsEachCircuitAndStaysUpWhileOneIsOpen() {
		this.runner.run((context) -> {
			ResilienceHealthIndicator indicator = context.getBean(ResilienceHealthIndicator.class);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			assertThat(indicator.health().getDetails()).containsEntry("payments", "closed");
			payments(context).transitionTo(CircuitState.FORCED_OPEN);
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("payments", "forced_open");
		});
	}

	@Test
	void openCircuitReportsTheConfiguredStatus() {
		this.runner.withPropertyValues("resilience.health.open-circuit-status=out_of_service").run((context) -> {
			ResilienceHealthIndicator indicator = context.getBean(ResilienceHealthIndicator.class);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			payments(context).transitionTo(CircuitState.FORCED_OPEN);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			payments(context).transitionTo(CircuitState.DISABLED);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void blankOpenCircuitStatusFailsAtStartupNamingTheKey() {
		this.runner.withPropertyValues("resilience.health.open-circuit-status= ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("resilience.health.open-circuit-status"));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("management.health.resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceHealthIndicator.class));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(Health.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ResilienceHealthIndicator.class));
	}

	@Test
	void backsOffWhenTheStarterIsSwitchedOff() {
		this.runner.withPropertyValues("resilience.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ResilienceHealthIndicator.class));
	}

	private static CircuitBreaker payments(AssertableApplicationContext context) {
		return context.getBean(PolicyRegistry.class).find("payments").circuitBreaker();
	}

}
