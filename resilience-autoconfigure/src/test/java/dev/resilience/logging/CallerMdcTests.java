package dev.resilience.logging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.resilience.CircuitOpenException;
import dev.resilience.Resilience;
import dev.resilience.TimeoutExceededException;
import dev.resilience.autoconfigure.FlakyService;
import dev.resilience.autoconfigure.RecordingSleeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The caller's MDC is on every line the starter writes about a call (CONTRACT §8), in a real
 * application: every event logged under {@code dev.resilience} is recorded with the MDC in effect
 * where it was written (read at that moment, on that thread), so a line written on an attempt
 * thread is judged by that thread's MDC.
 */
@SpringBootTest(classes = CallerMdcTests.App.class,
		properties = { "logging.level.dev.resilience=DEBUG", "resilience.defaults.retry.backoff.jitter=0",
				"resilience.policies.mdc-breaker.retry.max-attempts=1",
				"resilience.policies.mdc-breaker.circuit-breaker.minimum-number-of-calls=2",
				"resilience.policies.mdc-breaker.circuit-breaker.sliding-window-size=2",
				"resilience.policies.mdc-limited.timeout.attempt=300ms" })
class CallerMdcTests {

	private final Lines lines = new Lines();

	@Autowired
	private FlakyService flaky;

	@Autowired
	private Resilience resilience;

	@BeforeEach
	void record() {
		this.lines.start();
		starters().addAppender(this.lines);
	}

	@AfterEach
	void stopRecording() {
		starters().detachAppender(this.lines);
		MDC.clear();
	}

	@Test
	void retryDebugAndFinalWarnCarryTheCallersMdc() {
		this.flaky.failWith(new IllegalStateException("down"));
		this.flaky.failNext(10);
		MDC.put("caller", "alice");
		assertThatIllegalStateException().isThrownBy(this.flaky::call);
		assertThat(this.lines.about("Policy 'flaky': attempt")).hasSize(2).allSatisfy((line) -> {
			assertThat(line.level()).isEqualTo("DEBUG");
			assertThat(line.message()).contains("retrying in");
			assertThat(line.mdc()).containsEntry("caller", "alice");
		});
		assertThat(this.lines.about("Policy 'flaky' exhausted after 3 attempts")).singleElement().satisfies((line) -> {
			assertThat(line.level()).isEqualTo("WARN");
			assertThat(line.mdc()).containsEntry("caller", "alice");
		});
	}

	@Test
	void circuitTransitionLineCarriesTheCallersMdc() {
		MDC.put("caller", "bob");
		for (int i = 0; i < 2; i++) {
			assertThatIllegalStateException().isThrownBy(() -> this.resilience.call("mdc-breaker", () -> {
				throw new IllegalStateException("down");
			}));
		}
		assertThatExceptionOfType(CircuitOpenException.class)
			.isThrownBy(() -> this.resilience.call("mdc-breaker", () -> "never"));
		assertThat(this.lines.about("Circuit of policy 'mdc-breaker' moved from closed to open")).singleElement()
			.satisfies((line) -> assertThat(line.mdc()).containsEntry("caller", "bob"));
		assertThat(this.lines.about("Policy 'mdc-breaker' exhausted after 1 attempt")).isNotEmpty()
			.allSatisfy((line) -> assertThat(line.mdc()).containsEntry("caller", "bob"));
	}

	@Test
	void timeLimitedAttemptsRunWithTheCallersMdcAndTheStartersLinesCarryIt() {
		Logger work = LoggerFactory.getLogger("dev.resilience.test.Work");
		Thread caller = Thread.currentThread();
		MDC.put("caller", "dave");
		assertThatExceptionOfType(TimeoutExceededException.class)
			.isThrownBy(() -> this.resilience.call("mdc-limited", () -> {
				work.info("working on {}", (Thread.currentThread() != caller) ? "an attempt thread" : "the caller");
				// blocks until the time limit interrupts it
				new CountDownLatch(1).await(10, TimeUnit.SECONDS);
				return "late";
			}));
		assertThat(MDC.get("caller")).isEqualTo("dave");
		assertThat(this.lines.about("working on an attempt thread")).hasSize(3)
			.allSatisfy((line) -> assertThat(line.mdc()).containsEntry("caller", "dave"));
		assertThat(this.lines.about("Policy 'mdc-limited': attempt")).hasSize(2)
			.allSatisfy((line) -> assertThat(line.mdc()).containsEntry("caller", "dave"));
		assertThat(this.lines.about("Policy 'mdc-limited' exhausted after 3 attempts")).singleElement()
			.satisfies((line) -> assertThat(line.mdc()).containsEntry("caller", "dave"));
	}

	@Test
	void asynchronousCallsLogTheirRetriesAndEndWithTheCallersMdc() {
		MDC.put("caller", "erin");
		CompletableFuture<String> result = this.resilience.callAsync("mdc-async",
				() -> CompletableFuture.supplyAsync(() -> {
					throw new IllegalStateException("down");
				}));
		MDC.remove("caller");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> result.get(10, TimeUnit.SECONDS));
		await().untilAsserted(() -> assertThat(this.lines.about("Policy 'mdc-async' exhausted")).hasSize(1));
		assertThat(this.lines.about("Policy 'mdc-async': attempt")).hasSize(2)
			.allSatisfy((line) -> assertThat(line.mdc()).containsEntry("caller", "erin"));
		assertThat(this.lines.about("Policy 'mdc-async' exhausted after 3 attempts")).singleElement()
			.satisfies((line) -> assertThat(line.mdc()).containsEntry("caller", "erin"));
	}

	private static ch.qos.logback.classic.Logger starters() {
		return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.resilience");
	}

	/** Each event with the MDC of the thread that logged it, read when it was logged. */
	private static final class Lines extends AppenderBase<ILoggingEvent> {

		private final List<Line> lines = new CopyOnWriteArrayList<>();

		@Override
		protected void append(ILoggingEvent event) {
			this.lines.add(new Line(event.getLevel().toString(), event.getFormattedMessage(),
					Map.copyOf(event.getMDCPropertyMap())));
		}

		List<Line> about(String text) {
			return this.lines.stream().filter((line) -> line.message().contains(text)).toList();
		}

	}

	private record Line(String level, String message, Map<String, String> mdc) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ FlakyService.class, RecordingSleeper.class })
	static class App {

	}

}
