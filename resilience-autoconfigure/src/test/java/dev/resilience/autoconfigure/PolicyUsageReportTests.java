package dev.resilience.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class PolicyUsageReportTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(FlakyService.class);

	@Test
	void policyUsedButNotConfiguredIsReportedOnceAtInfo(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output.getOut().lines().filter((line) -> line.contains("INFO")
					&& line.contains("Policy 'flaky' is not configured under resilience.policies")))
				.hasSize(1);
		});
	}

	@Test
	void configuredPolicyNobodyUsesIsReportedOnceAtWarn(CapturedOutput output) {
		this.runner.withPropertyValues("resilience.policies.paymnets.retry.max-attempts=5").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output.getOut().lines().filter((line) -> line.contains("WARN")
					&& line.contains("Policy 'paymnets' is configured") && line.contains("misspelled")))
				.hasSize(1);
			assertThat(output.getOut()).doesNotContain("Policy 'flaky' is configured");
		});
	}

}
