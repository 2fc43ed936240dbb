package dev.resilience.circuit;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.resilience.CircuitOpenException;
import dev.resilience.Resilience;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** Circuit transitions in the log of a real context: opening is a WARN, everything else INFO. */
@ExtendWith(OutputCaptureExtension.class)
class TransitionLogTests {

	private static final String P = "resilience.policies.ledger.";

	@Test
	void openingAndReopeningAreWarningsOtherTransitionsInfo(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withBean(RecordingSleeper.class)
			.withPropertyValues(P + "retry.max-attempts=1", P + "circuit-breaker.sliding-window-size=2",
					P + "circuit-breaker.minimum-number-of-calls=2",
					P + "circuit-breaker.wait-duration-in-open-state=100ms",
					P + "circuit-breaker.permitted-calls-in-half-open-state=1")
			.run((context) -> {
				Resilience resilience = context.getBean(Resilience.class);
				fail(resilience);
				fail(resilience);
				// half-open after the wait, the trial fails: reopened
				trialAfterTheWait(resilience, false);
				// half-open again, the trial succeeds: closed
				trialAfterTheWait(resilience, true);
			});
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("Circuit of policy 'ledger'")).toList();
		assertThat(lines).hasSize(5);
		assertThat(lines.get(0)).contains(" WARN ").contains("from closed to open");
		assertThat(lines.get(1)).contains(" INFO ").contains("from open to half_open");
		assertThat(lines.get(2)).contains(" WARN ").contains("from half_open to open");
		assertThat(lines.get(3)).contains(" INFO ").contains("from open to half_open");
		assertThat(lines.get(4)).contains(" INFO ").contains("from half_open to closed");
	}

	private static void fail(Resilience resilience) {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> resilience.call("ledger", () -> {
			throw new IOException("down");
		}));
	}

	private static void trialAfterTheWait(Resilience resilience, boolean succeeds) {
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).ignoreException(
				CircuitOpenException.class).until(() -> {
					try {
						return resilience.call("ledger", () -> {
							if (!succeeds) {
								throw new IOException("still down");
							}
							return true;
						});
					}
					catch (IOException ex) {
						return true;
					}
				});
	}

}
