package dev.resilience.policy;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.TimeoutExceededException;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** What time limits and the bulkhead report: attempt and call meters, fallbacks, the bulkhead gauge. */
class LimitMetersTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(CountingSleeper.class)
		.withBean(BlockingService.class)
		.withPropertyValues("resilience.policies.stubborn.timeout.attempt=150ms",
				"resilience.policies.stubborn.retry.max-attempts=1",
				"resilience.policies.stubborn.bulkhead.max-concurrent-calls=1");

	@Test
	void anAttemptEndedByItsLimitIsATransientFailureTaggedTimeoutExceededException() {
		this.runner.run((context) -> {
			BlockingService service = context.getBean(BlockingService.class);
			assertThatExceptionOfType(TimeoutExceededException.class).isThrownBy(service::ignoreInterrupts);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(attempts(registry)).containsExactly("1/transient_failure/TimeoutExceededException=1");
			service.release();
		});
	}

	@Test
	void aCallRefusedByAFullBulkheadIsRejectedTaggedBulkheadFullExceptionAndFallsBack() {
		this.runner.run((context) -> {
			BlockingService service = context.getBean(BlockingService.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(service.ignoreInterruptsOrFallBack()).isEqualTo("fallback after TimeoutExceededException");
			assertThat(gauge(registry)).as("the abandoned attempt holds the place").isEqualTo(1.0);
			assertThat(service.ignoreInterruptsOrFallBack()).isEqualTo("fallback after BulkheadFullException");
			assertThat(attempts(registry)).contains("1/rejected/BulkheadFullException=1");
			assertThat(registry.get("resilience.calls").tags("policy", "stubborn", "outcome", "rejected").timer().count())
				.isEqualTo(1);
			assertThat(registry.get("resilience.fallbacks").tags("policy", "stubborn", "cause", "rejected").counter()
				.count()).isEqualTo(1);
			service.release();
			await().atMost(Duration.ofSeconds(5)).until(() -> gauge(registry) == 0.0);
		});
	}

	@Test
	void everyPolicyHasTheBulkheadGaugeReadingZeroWithoutABulkhead() {
		this.runner.run((context) -> {
			context.getBean(BlockingService.class).quick();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("resilience.bulkhead.calls").tag("policy", "quick").gauge().value()).isZero();
		});
	}

	private static double gauge(MeterRegistry registry) {
		return registry.get("resilience.bulkhead.calls").tag("policy", "stubborn").gauge().value();
	}

	private static List<String> attempts(MeterRegistry registry) {
		return registry.find("resilience.attempts")
			.tag("policy", "stubborn")
			.timers()
			.stream()
			.filter((timer) -> timer.count() > 0)
			.map((timer) -> timer.getId().getTag("attempt") + "/" + timer.getId().getTag("outcome") + "/"
					+ timer.getId().getTag("exception") + "=" + timer.count())
			.toList();
	}

}
