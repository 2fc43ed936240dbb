package dev.resilience.policy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.retry.backoff.FixedBackOffPolicy;

import dev.resilience.FailureClassifier;
import dev.resilience.circuit.CircuitBreakerConfig;
import dev.resilience.circuit.CircuitState;
import dev.resilience.circuit.WindowType;
import dev.resilience.classify.ClassifierConfig;
import dev.resilience.logging.RepeatLimitedLog;
import dev.resilience.retry.RetrySettings;
import dev.resilience.retry.Waiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The failure path of the executor: interrupts, guarded classification, fallbacks, time limits. */
class FailedCallTests {

	/** Nanoseconds that move only when a wait is slept. */
	private final AtomicLong nanos = new AtomicLong();

	private final SettableClock clock = new SettableClock();

	private final CountingPolicyMetrics metrics = new CountingPolicyMetrics();

	private final PolicyExecutor executor = new PolicyExecutor(
			new Waiter((millis) -> this.nanos.addAndGet(millis * 1_000_000L)), this.nanos::get,
			new RepeatLimitedLog(LoggerFactory.getLogger(FailedCallTests.class), Duration.ofSeconds(30),
					System::nanoTime));

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void anInterruptedAttemptIsNotRecordedAndReturnsTheHalfOpenPermit() throws Throwable {
		Policy policy = halfOpen(List.of());
		IllegalStateException interrupted = new IllegalStateException("cancelled", new InterruptedException());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> call(policy, () -> {
			throw interrupted;
		})).isSameAs(interrupted);
		assertThat(Thread.interrupted()).isTrue();
		assertThat(policy.circuitBreaker().state()).isEqualTo(CircuitState.HALF_OPEN);
		assertThat(call(policy, () -> "ok")).isEqualTo("ok");
		assertThat(policy.circuitBreaker().state()).isEqualTo(CircuitState.CLOSED);
	}

	@Test
	void aWrappedInterruptedExceptionEndsTheCallAbortedWithTheFlagSet() {
		Policy policy = policy(PolicySettings.defaults(), List.of());
		AtomicInteger attempts = new AtomicInteger();
		IllegalStateException failure = new IllegalStateException("wrapped", new InterruptedException());
		Throwable thrown = catchThrowable(() -> call(policy, () -> {
			attempts.incrementAndGet();
			throw failure;
		}));
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
		assertThat(thrown).isSameAs(failure);
		assertThat(attempts).hasValue(1);
		assertThat(policy.counts().get(CallOutcome.ABORTED)).isEqualTo(1);
	}

	@Test
	void anInterruptSetDuringAnAttemptEndsTheCallAbortedLikeOneDuringAWait() {
		Policy policy = policy(PolicySettings.defaults(), List.of());
		AtomicInteger attempts = new AtomicInteger();
		Throwable thrown = catchThrowable(() -> call(policy, () -> {
			attempts.incrementAndGet();
			Thread.currentThread().interrupt();
			throw new IOException("read cut short");
		}));
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
		assertThat(thrown).isInstanceOf(IOException.class);
		assertThat(attempts).hasValue(1);
		assertThat(policy.counts().get(CallOutcome.ABORTED)).isEqualTo(1);
		assertThat(policy.circuitBreaker().bufferedCalls()).isZero();
	}

	@Test
	void thePassThroughOfADisabledPolicyKeepsTheInterruptFlag() {
		PolicySettings defaults = PolicySettings.defaults();
		PolicySettings disabled = new PolicySettings(false, defaults.retry(), defaults.circuitBreaker(),
				defaults.classifier(), defaults.http(), defaults.stableAfter());
		Policy policy = policy(disabled, List.of());
		InterruptedException interrupted = new InterruptedException();
		assertThat(catchThrowable(() -> call(policy, () -> {
			throw interrupted;
		}))).isSameAs(interrupted);
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void aFailureThatBreaksClassificationReachesTheCallerAndReturnsTheHalfOpenPermit() throws Throwable {
		Policy policy = halfOpen(List.of());
		RuntimeException broken = new BrokenCauseException();
		assertThat(catchThrowable(() -> call(policy, () -> {
			throw broken;
		}))).isSameAs(broken);
		assertThat(policy.circuitBreaker().state()).isEqualTo(CircuitState.OPEN);
	}

	@Test
	void aFailureThatBreaksClassificationReachesTheCallerOfADisabledPolicy() {
		PolicySettings defaults = PolicySettings.defaults();
		PolicySettings disabled = new PolicySettings(false, defaults.retry(), defaults.circuitBreaker(),
				defaults.classifier(), defaults.http(), defaults.stableAfter());
		Policy policy = policy(disabled, List.of());
		RuntimeException broken = new BrokenCauseException();
		assertThat(catchThrowable(() -> call(policy, () -> {
			throw broken;
		}))).isSameAs(broken);
	}

	@Test
	void aClassifierBeanThatThrowsAnErrorLeavesNoHalfOpenPermitTaken() throws Throwable {
		FailureClassifier throwing = (name, failure) -> {
			throw new AssertionError("classifier bug");
		};
		Policy policy = halfOpen(List.of(throwing));
		IOException failure = new IOException("down");
		assertThat(catchThrowable(() -> call(policy, () -> {
			throw failure;
		}))).isSameAs(failure);
		assertThat(policy.circuitBreaker().state()).isEqualTo(CircuitState.OPEN);
	}

	@Test
	void anIgnoredFailureReachesTheCallerAsItIsWithoutFallbackAndCountsAsAborted() {
		PolicySettings defaults = PolicySettings.defaults();
		PolicySettings settings = new PolicySettings(true, defaults.retry(), defaults.circuitBreaker(),
				new ClassifierConfig(List.of(), List.of(), List.of(IllegalArgumentException.class)), defaults.http(),
				defaults.stableAfter());
		Policy policy = policy(settings, List.of());
		IllegalArgumentException business = new IllegalArgumentException("insufficient funds");
		AtomicInteger attempts = new AtomicInteger();
		Throwable thrown = catchThrowable(() -> this.executor.execute(policy, (Callable<String>) () -> {
			attempts.incrementAndGet();
			throw business;
		}, Callable::call, true, (work, failure) -> "fallback"));
		assertThat(thrown).isSameAs(business);
		assertThat(attempts).hasValue(1);
		assertThat(policy.counts().get(CallOutcome.ABORTED)).isEqualTo(1);
		assertThat(this.metrics.fallbacks()).isZero();
		assertThat(policy.circuitBreaker().bufferedCalls()).isZero();
	}

	@Test
	void aFallbackThatDeclinesTheFailureIsNotCounted() {
		Policy policy = policy(PolicySettings.defaults().withRetry(RetrySettings.defaults().withMaxAttempts(1)),
				List.of());
		IOException failure = new IOException("down");
		Recovery<Callable<String>> onlyTimeouts = new Recovery<>() {

			@Override
			public boolean accepts(Throwable candidate) {
				return candidate instanceof TimeoutException;
			}

			@Override
			public Object recover(Callable<String> work, Throwable candidate) {
				return "fallback";
			}

		};
		assertThat(catchThrowable(() -> this.executor.execute(policy, (Callable<String>) () -> {
			throw failure;
		}, Callable::call, true, onlyTimeouts))).isSameAs(failure);
		assertThat(this.metrics.fallbacks()).isZero();
	}

	@Test
	void maxElapsedTimeEndsTheCallAfterACustomBackoffsWaitPassedIt() {
		FixedBackOffPolicy threeSeconds = new FixedBackOffPolicy();
		threeSeconds.setBackOffPeriod(3000);
		RetrySettings defaults = RetrySettings.defaults();
		RetrySettings retry = new RetrySettings(10, defaults.backoff(), Duration.ofSeconds(5),
				defaults.maxRetryAfter(), "threeSeconds", threeSeconds);
		Policy policy = policy(PolicySettings.defaults().withRetry(retry), List.of());
		AtomicInteger attempts = new AtomicInteger();
		assertThat(catchThrowable(() -> call(policy, () -> {
			attempts.incrementAndGet();
			throw new IOException("down");
		}))).isInstanceOf(IOException.class);
		assertThat(attempts).hasValue(2);
		assertThat(this.nanos.get()).isEqualTo(Duration.ofSeconds(6).toNanos());
		assertThat(policy.counts().get(CallOutcome.EXHAUSTED)).isEqualTo(1);
	}

	/** A policy whose circuit is half-open with one trial permit. */
	private Policy halfOpen(List<FailureClassifier> classifiers) throws Throwable {
		CircuitBreakerConfig breaker = new CircuitBreakerConfig(true, WindowType.COUNT_BASED, 2, 1, 50f, null, 100f,
				Duration.ofSeconds(10), 1);
		PolicySettings defaults = PolicySettings.defaults();
		PolicySettings settings = new PolicySettings(true, defaults.retry().withMaxAttempts(1), breaker,
				defaults.classifier(), defaults.http(), defaults.stableAfter());
		Policy policy = policy(settings, classifiers);
		assertThat(catchThrowable(() -> call(policy, () -> {
			throw new IOException("down");
		}))).isInstanceOf(IOException.class);
		assertThat(policy.circuitBreaker().state()).isEqualTo(CircuitState.OPEN);
		this.clock.advance(Duration.ofSeconds(11));
		this.nanos.addAndGet(Duration.ofSeconds(11).toNanos());
		return policy;
	}

	private Object call(Policy policy, Callable<String> work) throws Throwable {
		return this.executor.execute(policy, work, Callable::call, true, null);
	}

	private Policy policy(PolicySettings settings, List<FailureClassifier> classifiers) {
		SettingsSource source = new FixedSettingsSource(settings);
		return new PolicyRegistry(source, classifiers, this.clock, this.metrics).use("inventory");
	}

	/** A failure whose cause cannot be read: classification must not let that escape. */
	private static final class BrokenCauseException extends RuntimeException {

		BrokenCauseException() {
			super("broken", null, false, false);
		}

		@Override
		public synchronized Throwable getCause() {
			throw new StackOverflowError("cause chain broken");
		}

	}

	private static final class SettableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
