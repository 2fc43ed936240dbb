package dev.resilience.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.Resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Policy names as users write them in application.yml bind their own settings. */
class PolicyNameBindingTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void dashedPolicyNameBindsItsOwnSettings() {
		this.runner.withPropertyValues("resilience.policies.payment-gateway.retry.max-attempts=5").run((context) -> {
			assertThat(attempts(context.getBean(Resilience.class), "payment-gateway")).isEqualTo(5);
		});
	}

	@Test
	void bracketedPolicyNameWithADotBindsItsOwnSettings() {
		this.runner.withPropertyValues("resilience.policies[billing.v2].retry.max-attempts=4").run((context) -> {
			assertThat(attempts(context.getBean(Resilience.class), "billing.v2")).isEqualTo(4);
		});
	}

	private static int attempts(Resilience resilience, String policy) {
		AtomicInteger attempts = new AtomicInteger();
		assertThatIllegalStateException().isThrownBy(() -> resilience.run(policy, () -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("down");
		}));
		return attempts.get();
	}

}
