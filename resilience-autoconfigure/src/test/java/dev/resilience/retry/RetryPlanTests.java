package dev.resilience.retry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.retry.backoff.FixedBackOffPolicy;

import dev.resilience.Classification;
import dev.resilience.TimeoutExceededException;
import dev.resilience.classify.Verdict;
import dev.resilience.retry.RetryDecision.Ending;
import dev.resilience.retry.RetryDecision.Stop;
import dev.resilience.retry.RetryDecision.Wait;

import static org.assertj.core.api.Assertions.assertThat;

/** The one retry decision, rule by rule, without a Spring context. */
class RetryPlanTests {

	private static final Verdict TRANSIENT = new Verdict(Classification.TRANSIENT, "IOException", null, false);

	private final AtomicLong clock = new AtomicLong(1_000_000_000L);

	private final List<Long> slept = new ArrayList<>();

	private final List<Long> metered = new ArrayList<>();

	private final Waiter waiter = new Waiter((millis) -> {
		this.slept.add(millis);
		this.clock.addAndGet(millis * 1_000_000L);
	});

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	private RetryPlan plan(RetrySettings retry, boolean idempotent) {
		return new RetryPlan(retry, idempotent, this.waiter, this.clock::get, this.clock.get(), this.metered::add);
	}

	private static RetrySettings retry(int maxAttempts, BackoffSettings backoff, Duration maxElapsed) {
		return new RetrySettings(maxAttempts, backoff, maxElapsed, Duration.ofSeconds(30), null, null);
	}

	private static BackoffSettings noJitter(long initialMillis, double multiplier, long maxMillis) {
		return new BackoffSettings(Duration.ofMillis(initialMillis), multiplier, Duration.ofMillis(maxMillis), 0,
				false);
	}

	private static Verdict retryAfter(Duration wait) {
		return new Verdict(Classification.TRANSIENT, "HTTP 503", wait, false);
	}

	static Stream<Arguments> stops() {
		return Stream.of(
				Arguments.of("permanent", new Verdict(Classification.PERMANENT, "HTTP 400", null, false),
						new IOException(), true, 1, Ending.ABORTED, "not retryable"),
				Arguments.of("ignored", new Verdict(Classification.IGNORED, "classifier.ignore", null, false),
						new IOException(), true, 1, Ending.ABORTED, "ignored (classifier.ignore)"),
				Arguments.of("read timeout, not idempotent", TRANSIENT, new SocketTimeoutException(), false, 1,
						Ending.ABORTED, "not idempotent"),
				Arguments.of("last attempt", TRANSIENT, new IOException(), true, 3, Ending.EXHAUSTED,
						"max-attempts (3) reached"),
				Arguments.of("Retry-After over max-retry-after", retryAfter(Duration.ofSeconds(31)), new IOException(),
						true, 1, Ending.EXHAUSTED, "more than max-retry-after 30000ms"),
				Arguments.of("Retry-After of 10^20 seconds", retryAfter(Duration.ofSeconds(Long.MAX_VALUE)),
						new IOException(), true, 1, Ending.EXHAUSTED, "more than max-retry-after"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("stops")
	void stopsWithOutcomeAndReason(String name, Verdict verdict, Throwable failure, boolean idempotent, int attempt,
			Ending ending, String reason) {
		RetryDecision decision = plan(RetrySettings.defaults(), idempotent).afterFailure(attempt, failure, verdict);
		assertThat(decision).isInstanceOfSatisfying(Stop.class, (stop) -> {
			assertThat(stop.ending()).isEqualTo(ending);
			assertThat(stop.reason()).contains(reason);
		});
	}

	@Test
	void retriesANonIdempotentCallThatFailedBeforeSending() {
		RetryDecision decision = plan(RetrySettings.defaults(), false).afterFailure(1, new ConnectException(),
				TRANSIENT);
		assertThat(decision).isInstanceOf(Wait.class);
	}

	@Test
	void anInterruptedThreadStopsTheCallAborted() {
		Thread.currentThread().interrupt();
		RetryDecision decision = plan(RetrySettings.defaults(), true).afterFailure(3, new IOException(), TRANSIENT);
		assertThat(decision).isEqualTo(new Stop(Ending.ABORTED, "interrupted"));
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void waitsTheReferenceSequenceOfCenkaltiBackoff() {
		RetryPlan plan = plan(retry(10, noJitter(500, 1.5, 60_000), null), true);
		List<Duration> waits = new ArrayList<>();
		for (int attempt = 1; attempt <= 4; attempt++) {
			waits.add(((Wait) plan.afterFailure(attempt, new IOException(), TRANSIENT)).duration());
		}
		assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(750), Duration.ofMillis(1125),
				Duration.ofMillis(1688));
	}

	@Test
	void aRetryAfterLongerThanTheBackoffIsWaitedUnjittered() {
		RetryPlan plan = plan(RetrySettings.defaults(), true);
		RetryDecision decision = plan.afterFailure(1, new IOException(), retryAfter(Duration.ofSeconds(2)));
		assertThat(decision).isEqualTo(new Wait(Duration.ofSeconds(2), false));
	}

	@Test
	void stopsBeforeAWaitThatWouldEndPastMaxElapsedTime() {
		RetryPlan plan = plan(retry(10, noJitter(400, 1.0, 400), Duration.ofMillis(1000)), true);
		assertThat(plan.afterFailure(1, new IOException(), TRANSIENT)).isInstanceOf(Wait.class);
		this.clock.addAndGet(700_000_000L);
		RetryDecision decision = plan.afterFailure(2, new IOException(), TRANSIENT);
		assertThat(decision).isInstanceOfSatisfying(Stop.class, (stop) -> {
			assertThat(stop.ending()).isEqualTo(Ending.EXHAUSTED);
			assertThat(stop.reason()).contains("max-elapsed-time 1000ms");
		});
	}

	@Test
	void stopsBeforeAWaitThatWouldEndPastTheTotalTimeLimit() {
		RetryPlan plan = new RetryPlan(retry(10, noJitter(400, 1.0, 400), null), true, this.waiter, this.clock::get,
				this.clock.get(), this.metered::add, Duration.ofMillis(1000));
		assertThat(plan.afterFailure(1, new IOException(), TRANSIENT)).isEqualTo(new Wait(Duration.ofMillis(400), false));
		this.clock.addAndGet(700_000_000L);
		RetryDecision decision = plan.afterFailure(2, new IOException(), TRANSIENT);
		assertThat(decision).isInstanceOfSatisfying(Stop.class, (stop) -> {
			assertThat(stop.ending()).isEqualTo(Ending.EXHAUSTED);
			assertThat(stop.reason()).isEqualTo("the next wait would end past timeout.total 1000ms");
		});
	}

	@Test
	void theTotalTimeLimitPassingEndsEvenANonIdempotentCallExhausted() {
		RetryPlan plan = new RetryPlan(RetrySettings.defaults(), false, this.waiter, this.clock::get, this.clock.get(),
				this.metered::add, Duration.ofMillis(300));
		RetryDecision decision = plan.afterFailure(1, new TimeoutExceededException("p", Duration.ofMillis(300), true),
				TRANSIENT);
		assertThat(decision).isEqualTo(new Stop(Ending.EXHAUSTED, "timeout.total (300ms) passed"));
	}

	@Test
	void anAttemptTimeoutOfANonIdempotentCallIsNotRetried() {
		RetryDecision decision = plan(RetrySettings.defaults(), false).afterFailure(1,
				new TimeoutExceededException("p", Duration.ofMillis(300), false), TRANSIENT);
		assertThat(decision).isInstanceOfSatisfying(Stop.class,
				(stop) -> assertThat(stop.ending()).isEqualTo(Ending.ABORTED));
	}

	@Test
	void attemptsInTheMillionsSaturateAtMaxInterval() {
		RetryPlan plan = plan(retry(Integer.MAX_VALUE, noJitter(100, 2.0, 10_000), Duration.ofDays(365)), true);
		RetryDecision decision = plan.afterFailure(10_000_000, new IOException(), TRANSIENT);
		for (int i = 0; i < 2000; i++) {
			decision = plan.afterFailure(10_000_000 + i, new IOException(), TRANSIENT);
		}
		assertThat(decision).isEqualTo(new Wait(Duration.ofSeconds(10), false));
	}

	@Test
	void hugeMaxIntervalsAndElapsedTimesDoNotOverflow() {
		RetryPlan plan = plan(retry(100, noJitter(100, 10.0, Long.MAX_VALUE / 1_000_000L), Duration.ofDays(100_000)),
				true);
		RetryDecision decision = null;
		for (int attempt = 1; attempt <= 40; attempt++) {
			decision = plan.afterFailure(attempt, new IOException(), TRANSIENT);
		}
		assertThat(decision).isInstanceOfSatisfying(Stop.class,
				(stop) -> assertThat(stop.reason()).contains("max-elapsed-time"));
	}

	@Test
	void awaitSleepsThroughTheWaiterAndMetersTheWait() {
		RetryPlan plan = plan(RetrySettings.defaults(), true);
		Wait wait = new Wait(Duration.ofMillis(250), false);
		assertThat(plan.await(wait)).isEqualTo(RetryDecision.Retry.NOW);
		assertThat(this.slept).containsExactly(250L);
		assertThat(this.metered).containsExactly(250_000_000L);
	}

	@Test
	void aWaitEndedByShutdownStopsTheCall() {
		this.waiter.close();
		RetryDecision decision = plan(RetrySettings.defaults(), true).await(new Wait(Duration.ofMillis(250), false));
		assertThat(decision).isEqualTo(new Stop(Ending.ABORTED, "the application is shutting down"));
	}

	@Test
	void aCustomBackOffWaitsThenTheRestOfALongerRetryAfter() {
		FixedBackOffPolicy custom = new FixedBackOffPolicy();
		custom.setBackOffPeriod(300);
		RetrySettings settings = new RetrySettings(5, BackoffSettings.defaults(), null, Duration.ofSeconds(30), "fixed",
				custom);
		RetryPlan plan = plan(settings, true);
		RetryDecision decision = plan.afterFailure(1, new IOException(), retryAfter(Duration.ofSeconds(1)));
		assertThat(decision).isEqualTo(new Wait(Duration.ofSeconds(1), true));
		assertThat(plan.await((Wait) decision)).isEqualTo(RetryDecision.Retry.NOW);
		assertThat(this.slept).containsExactly(300L, 700L);
	}

	@Test
	void maxElapsedTimeCountsACustomBackOffsWait() {
		FixedBackOffPolicy custom = new FixedBackOffPolicy();
		custom.setBackOffPeriod(2000);
		RetrySettings settings = new RetrySettings(5, BackoffSettings.defaults(), Duration.ofSeconds(1),
				Duration.ofSeconds(30), "fixed", custom);
		RetryPlan plan = plan(settings, true);
		Wait wait = (Wait) plan.afterFailure(1, new IOException(), TRANSIENT);
		assertThat(plan.await(wait)).isInstanceOfSatisfying(Stop.class, (stop) -> {
			assertThat(stop.ending()).isEqualTo(Ending.EXHAUSTED);
			assertThat(stop.reason()).contains("custom backoff", "max-elapsed-time 1000ms");
		});
	}

	@Test
	void aSupervisedEndWithoutFailureWaitsAndNeverCountsAsAnAttempt() {
		RetryPlan plan = plan(retry(1, noJitter(100, 2.0, 10_000), null), true);
		assertThat(plan.afterFailure(0, null, null)).isEqualTo(new Wait(Duration.ofMillis(100), false));
		assertThat(plan.afterFailure(1, null, null)).isInstanceOf(Stop.class);
	}

}
