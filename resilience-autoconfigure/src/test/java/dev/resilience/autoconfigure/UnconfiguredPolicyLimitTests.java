package dev.resilience.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.Resilience;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Policy names first seen at run time (a name built from request data) are bounded by
 * {@code resilience.max-unconfigured-policies}; configured and annotated names are not counted.
 */
class UnconfiguredPolicyLimitTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceSupervisionAutoConfiguration.class))
		.withBean(FlakyService.class)
		.withBean(RecordingSleeper.class);

	@Test
	void namesBeyondTheLimitAreRefusedWithoutRunningTheWork() {
		this.runner
			.withPropertyValues("resilience.max-unconfigured-policies=3", "resilience.policies.catalog.enabled=true")
			.run((context) -> {
				Resilience resilience = context.getBean(Resilience.class);
				PolicyRegistry registry = context.getBean(PolicyRegistry.class);
				AtomicInteger ran = new AtomicInteger();
				for (int i = 1; i <= 3; i++) {
					assertThat(resilience.call("tenant-" + i, ran::incrementAndGet)).isEqualTo(i);
				}
				assertThatIllegalStateException().isThrownBy(() -> resilience.call("tenant-4", ran::incrementAndGet))
					.withMessageContaining("tenant-4")
					.withMessageContaining("resilience.max-unconfigured-policies")
					.withMessageContaining("3");
				assertThatIllegalStateException().isThrownBy(() -> resilience.run("tenant-5", ran::incrementAndGet));
				assertThatIllegalStateException().isThrownBy(() -> resilience.callAsync("tenant-7",
						() -> CompletableFuture.completedFuture(ran.incrementAndGet())));
				assertThatIllegalStateException()
					.isThrownBy(() -> resilience.supervise("tenant-6", "tenant-6", (session) -> ran.incrementAndGet()));
				assertThat(ran).hasValue(3);
				assertThat(registry.find("tenant-4")).isNull();
				assertThat(registry.find("tenant-6")).isNull();
				assertThat(registry.find("tenant-7")).isNull();
				// names already known keep working, configured and annotated ones never count
				assertThat(resilience.call("tenant-1", () -> "again")).isEqualTo("again");
				assertThat(resilience.call("catalog", () -> "configured")).isEqualTo("configured");
				assertThat(resilience.call("flaky", () -> "annotated")).isEqualTo("annotated");
				assertThat(registry.find("FlakyService.unnamed")).isNotNull();
			});
	}

	@Test
	void theDefaultLimitIsAThousand() {
		this.runner.run((context) -> {
			Resilience resilience = context.getBean(Resilience.class);
			for (int i = 0; i < 1000; i++) {
				resilience.run("tenant-" + i, () -> {
				});
			}
			assertThatIllegalStateException().isThrownBy(() -> resilience.run("tenant-1000", () -> {
			})).withMessageContaining("1000");
		});
	}

	@Test
	void aNegativeLimitFailsStartupNamingTheKey() {
		this.runner.withPropertyValues("resilience.max-unconfigured-policies=-1")
			.run((context) -> assertThat(StartupFailureReport.of(context.getStartupFailure()).getDescription())
				.contains("resilience.max-unconfigured-policies"));
	}

}
