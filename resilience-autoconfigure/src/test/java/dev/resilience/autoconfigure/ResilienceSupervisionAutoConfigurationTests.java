package dev.resilience.autoconfigure;

import java.io.IOException;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.Resilience;
import dev.resilience.Supervised;
import dev.resilience.Supervised.State;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.supervise.SupervisedMetricsFactory;
import dev.resilience.supervise.Supervisors;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceSupervisionAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceSupervisionAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0",
				"resilience.policies.stream.retry.max-attempts=2");

	@Test
	void supervisesThroughTheResilienceBeanAndMarksThePolicyUsed() {
		this.runner.run((context) -> {
			Supervised supervised = context.getBean(Resilience.class).supervise("feed", "stream", (session) -> {
				throw new IOException("down");
			});
			assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
			assertThat(supervised.state()).isEqualTo(State.FAILED);
			assertThat(context.getBean(Supervisors.class).find("feed")).isSameAs(supervised);
			assertThat(context.getBean(PolicyRegistry.class).find("stream").used()).isTrue();
			assertThat(context.getBean(RecordingSleeper.class).waits()).containsExactly(100L);
		});
	}

	@Test
	void registersStateGaugesAndSessionCountersTaggedWithPolicyAndName() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.run((context) -> {
				Supervised supervised = context.getBean(Resilience.class).supervise("feed", "stream", (session) -> {
					throw new IOException("down");
				});
				assertThat(supervised.awaitStopped(Duration.ofSeconds(5))).isTrue();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(state(registry, "failed")).isEqualTo(1);
				assertThat(state(registry, "connecting")).isZero();
				assertThat(state(registry, "waiting")).isZero();
				assertThat(sessions(registry, "transient_failure")).isEqualTo(2);
				assertThat(sessions(registry, "ended")).isZero();
				assertThat(sessions(registry, "permanent_failure")).isZero();
				// a new connection of the same name replaces the meters of the finished one
				Supervised again = context.getBean(Resilience.class).supervise("feed", "stream", (session) -> {
					throw new IllegalArgumentException("wrong");
				});
				assertThat(again.awaitStopped(Duration.ofSeconds(5))).isTrue();
				assertThat(sessions(registry, "transient_failure")).isZero();
				assertThat(sessions(registry, "permanent_failure")).isEqualTo(1);
				assertThat(registry.find("resilience.supervised.state").gauges()).hasSize(State.values().length);
			});
	}

	@Test
	void withoutAMeterRegistryBuildsNoMeters() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(SupervisedMetricsFactory.class)
			.hasSingleBean(Supervisors.class));
	}

	@Test
	void backsOffWhenResilienceIsDisabled() {
		this.runner.withPropertyValues("resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Supervisors.class));
	}

	private static double state(MeterRegistry registry, String state) {
		return registry.get("resilience.supervised.state")
			.tags("policy", "stream", "name", "feed", "state", state)
			.gauge()
			.value();
	}

	private static double sessions(MeterRegistry registry, String outcome) {
		return registry.get("resilience.supervised.sessions")
			.tags("policy", "stream", "name", "feed", "outcome", outcome)
			.counter()
			.count();
	}

}
