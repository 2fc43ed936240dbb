package dev.resilience.logging;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import dev.resilience.CircuitOpenException;
import dev.resilience.Resilience;
import dev.resilience.TimeoutExceededException;
import dev.resilience.autoconfigure.FlakyService;
import dev.resilience.autoconfigure.RecordingSleeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The caller's MDC is on every line the starter writes about a call (CONTRACT §8): a real
 * application whose console pattern prints an MDC key the caller sets.
 */
@SpringBootTest(classes = CallerMdcTests.App.class,
		properties = { "logging.pattern.console=%5p [caller=%X{caller}] %logger{0} - %m%n",
				"logging.level.dev.resilience=DEBUG", "resilience.defaults.retry.backoff.jitter=0",
				"resilience.policies.mdc-breaker.retry.max-attempts=1",
				"resilience.policies.mdc-breaker.circuit-breaker.minimum-number-of-calls=2",
				"resilience.policies.mdc-breaker.circuit-breaker.sliding-window-size=2",
				"resilience.policies.mdc-limited.timeout.attempt=300ms" })
@ExtendWith(OutputCaptureExtension.class)
class CallerMdcTests {

	@Autowired
	private FlakyService flaky;

	@Autowired
	private Resilience resilience;

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void retryDebugAndFinalWarnCarryTheCallersMdc(CapturedOutput output) {
		this.flaky.failWith(new IllegalStateException("down"));
		this.flaky.failNext(10);
		MDC.put("caller", "alice");
		assertThatIllegalStateException().isThrownBy(this.flaky::call);
		List<String> lines = linesAbout(output, "Policy 'flaky'");
		assertThat(lines).filteredOn((line) -> line.contains("retrying in"))
			.hasSize(2)
			.allSatisfy((line) -> assertThat(line).startsWith("DEBUG [caller=alice]"));
		assertThat(lines).filteredOn((line) -> line.contains("exhausted after 3 attempts"))
			.singleElement()
			.satisfies((line) -> assertThat(line).startsWith(" WARN [caller=alice]"));
	}

	@Test
	void circuitTransitionLineCarriesTheCallersMdc(CapturedOutput output) {
		MDC.put("caller", "bob");
		for (int i = 0; i < 2; i++) {
			assertThatIllegalStateException().isThrownBy(() -> this.resilience.call("mdc-breaker", () -> {
				throw new IllegalStateException("down");
			}));
		}
		assertThatExceptionOfType(CircuitOpenException.class)
			.isThrownBy(() -> this.resilience.call("mdc-breaker", () -> "never"));
		assertThat(linesAbout(output, "Circuit of policy 'mdc-breaker' moved from closed to open")).singleElement()
			.satisfies((line) -> assertThat(line).contains("[caller=bob]"));
		assertThat(linesAbout(output, "Policy 'mdc-breaker' exhausted after 1 attempt")).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).contains("[caller=bob]"));
	}

	@Test
	void timeLimitedAttemptsRunWithTheCallersMdcAndTheStartersLinesCarryIt(CapturedOutput output) {
		Logger work = LoggerFactory.getLogger("dev.resilience.test.Work");
		Thread caller = Thread.currentThread();
		MDC.put("caller", "dave");
		assertThatExceptionOfType(TimeoutExceededException.class)
			.isThrownBy(() -> this.resilience.call("mdc-limited", () -> {
				work.info("working on {}", (Thread.currentThread() != caller) ? "an attempt thread" : "the caller");
				Thread.sleep(10_000);
				return "late";
			}));
		assertThat(MDC.get("caller")).isEqualTo("dave");
		assertThat(linesAbout(output, "working on an attempt thread")).hasSize(3)
			.allSatisfy((line) -> assertThat(line).contains("[caller=dave]"));
		assertThat(linesAbout(output, "Policy 'mdc-limited'")).filteredOn((line) -> line.contains("retrying in"))
			.hasSize(2)
			.allSatisfy((line) -> assertThat(line).contains("[caller=dave]"));
		assertThat(linesAbout(output, "Policy 'mdc-limited' exhausted after 3 attempts")).singleElement()
			.satisfies((line) -> assertThat(line).contains("[caller=dave]"));
	}

	private static List<String> linesAbout(CapturedOutput output, String text) {
		return output.getOut().lines().filter((line) -> line.contains(text)).toList();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ FlakyService.class, RecordingSleeper.class })
	static class App {

	}

}
