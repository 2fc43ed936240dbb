package dev.resilience.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.metrics.MicrometerPolicyMetricsFactory;
import dev.resilience.policy.PolicyMetrics;
import dev.resilience.policy.PolicyMetricsFactory;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceMetricsAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withBean(FlakyService.class);

	@Test
	void registersPolicyMetersInTheApplicationsMeterRegistry() {
		this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerPolicyMetricsFactory.class);
			assertThat(context.getBean(PolicyRegistry.class).find("flaky").metrics()).isNotSameAs(PolicyMetrics.NONE);
			assertThat(context.getBean(MeterRegistry.class).find("resilience.calls").tag("policy", "flaky").timers())
				.hasSize(5);
		});
	}

	@Test
	void findsTheRegistryOfBootsMetricsAutoConfiguration() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerPolicyMetricsFactory.class);
				context.getBean(FlakyService.class).call();
				assertThat(context.getBean(MeterRegistry.class)
					.get("resilience.calls")
					.tags("policy", "flaky", "outcome", "success")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void backsOffWithoutAMeterRegistryBean() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(PolicyMetricsFactory.class);
			assertThat(context.getBean(PolicyRegistry.class).find("flaky").metrics()).isSameAs(PolicyMetrics.NONE);
			assertThat(context.getBean(FlakyService.class).call()).isEqualTo("ok");
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PolicyMetricsFactory.class);
			assertThat(context.getBean(FlakyService.class).call()).isEqualTo("ok");
		});
	}

	@Test
	void backsOffWhenTheStarterIsSwitchedOff() {
		this.runner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PolicyMetricsFactory.class));
	}

	@Test
	void usersFactoryWins() {
		PolicyMetricsFactory own = (policy) -> PolicyMetrics.NONE;
		this.runner.withBean(SimpleMeterRegistry.class)
			.withBean(PolicyMetricsFactory.class, () -> own)
			.run((context) -> assertThat(context).getBean(PolicyMetricsFactory.class).isSameAs(own));
	}

}
