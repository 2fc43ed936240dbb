package dev.resilience.policy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.resilience.circuit.CircuitBreakerConfig;
import dev.resilience.circuit.WindowType;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.retry.RetrySettings;
import dev.resilience.retry.Waiter;

import static org.assertj.core.api.Assertions.assertThat;

/** The executor's happy path: what it reads from the clock and reports. */
class PolicyExecutorTests {

	private final SteppingClock clock = new SteppingClock();

	private final PolicyExecutor executor = new PolicyExecutor(new Waiter((millis) -> {
	}), this.clock, new RepeatLimitedLog(LoggerFactory.getLogger(PolicyExecutorTests.class), Duration.ofSeconds(30),
			System::nanoTime));

	@Test
	void readsNoClockForASuccessWhenNothingUsesItsDuration() throws Throwable {
		Policy policy = registry(PolicySettings.defaults(), PolicyMetricsFactory.NONE).use("quiet");
		assertThat(call(policy, () -> "ok")).isEqualTo("ok");
		assertThat(this.clock.reads).isZero();
		assertThat(policy.counts().get(CallOutcome.SUCCESS)).isEqualTo(1);
	}

	@Test
	void readsTheClockAtTheStartWhenMaxElapsedTimeNeedsIt() throws Throwable {
		PolicySettings defaults = PolicySettings.defaults();
		PolicySettings settings = new PolicySettings(true,
				new RetrySettings(3, defaults.retry().backoff(), Duration.ofSeconds(5),
						Duration.ofSeconds(30), null, null),
				defaults.circuitBreaker(), defaults.classifier(), defaults.http(), defaults.stableAfter());
		Policy policy = registry(settings, PolicyMetricsFactory.NONE).use("bounded");
		call(policy, () -> "ok");
		assertThat(this.clock.reads).isEqualTo(1);
	}

	@Test
	void timesAFailedCallFromItsFirstFailureWhenNothingReadTheStart() throws Throwable {
		Policy policy = registry(PolicySettings.defaults(), PolicyMetricsFactory.NONE).use("quiet-failing");
		int[] attempts = { 0 };
		assertThat(call(policy, () -> (attempts[0]++ == 0) ? fail() : "ok")).isEqualTo("ok");
		assertThat(policy.counts().get(CallOutcome.RECOVERED)).isEqualTo(1);
		assertThat(this.clock.reads).isPositive();
	}

	private static String fail() throws IOException {
		throw new IOException("down");
	}

	@Test
	void reportsTheDurationOfASuccessToTheMeters() throws Throwable {
		List<Long> recorded = new ArrayList<>();
		PolicyMetrics metrics = new PolicyMetrics() {
			@Override
			public void firstAttemptSucceeded(long nanos) {
				recorded.add(nanos);
			}
		};
		Policy policy = registry(PolicySettings.defaults(), (created) -> metrics).use("metered");
		call(policy, () -> "ok");
		assertThat(recorded).containsExactly(SteppingClock.STEP);
	}

	@Test
	void countsASlowSuccessAsSlowWithoutMeters() throws Throwable {
		CircuitBreakerConfig slowAfterOneNano = new CircuitBreakerConfig(true,
				WindowType.COUNT_BASED, 10, 1, 50f, Duration.ofNanos(1), 100f,
				Duration.ofSeconds(30), 5);
		PolicySettings defaults = PolicySettings.defaults();
		PolicySettings settings = new PolicySettings(true, defaults.retry(), slowAfterOneNano, defaults.classifier(),
				defaults.http(), defaults.stableAfter());
		Policy policy = registry(settings, PolicyMetricsFactory.NONE).use("slow");
		call(policy, () -> "ok");
		assertThat(policy.circuitBreaker().slowCallRate()).isEqualTo(100f);
	}

	@Test
	void aCallRefusedBeforeItsFirstAttemptReadsNoClockAndIsRecordedWithoutDuration() {
		List<String> recorded = new ArrayList<>();
		PolicyMetrics metrics = new PolicyMetrics() {
			@Override
			public void attempt(int attempt, AttemptOutcome outcome, Throwable failure, long nanos) {
				recorded.add("attempt " + attempt + " " + outcome + " " + nanos);
			}

			@Override
			public void call(CallOutcome outcome, long nanos) {
				recorded.add("call " + outcome + " " + nanos);
			}
		};
		Policy policy = registry(PolicySettings.defaults(), (created) -> metrics).use("open");
		policy.circuitBreaker().transitionTo(dev.resilience.circuit.CircuitState.FORCED_OPEN);
		int[] calls = { 0 };
		org.assertj.core.api.Assertions.assertThatExceptionOfType(dev.resilience.CircuitOpenException.class)
			.isThrownBy(() -> call(policy, () -> "ran " + ++calls[0]));
		assertThat(calls[0]).isZero();
		assertThat(this.clock.reads).isZero();
		assertThat(recorded).containsExactly("attempt 1 REJECTED 0", "call REJECTED 0");
		assertThat(policy.counts().get(CallOutcome.REJECTED)).isEqualTo(1);
	}

	private Object call(Policy policy, Callable<String> work) throws Throwable {
		return this.executor.execute(policy, work, Callable::call, true, null);
	}

	private static PolicyRegistry registry(PolicySettings settings, PolicyMetricsFactory metrics) {
		SettingsSource source = new FixedSettingsSource(settings);
		return new PolicyRegistry(source, List.of(), Clock.systemUTC(), metrics);
	}

	/** Nanoseconds that advance {@link #STEP} at every read, counting the reads. */
	private static final class SteppingClock implements LongSupplier {

		static final long STEP = 1_000L;

		int reads;

		@Override
		public long getAsLong() {
			this.reads++;
			return this.reads * STEP;
		}

	}

}
