package dev.resilience.retry;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.resilience.Classification;
import dev.resilience.classify.Verdict;
import dev.resilience.retry.RetryDecision.Ending;
import dev.resilience.retry.RetryDecision.Stop;
import dev.resilience.retry.RetryDecision.Wait;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan's budget rule and server-pause rule (§15), on a clock the test moves. */
class RetryPlanBudgetAndPauseTests {

	private static final long SECOND = 1_000_000_000L;

	private static final Verdict TRANSIENT = new Verdict(Classification.TRANSIENT, "HTTP 500", null, false);

	private final AtomicLong clock = new AtomicLong(7 * SECOND);

	private final AtomicLong successes = new AtomicLong();

	private final RetryBudget budget = new RetryBudget(this.successes::get, this.clock::get);

	private final ServerPause pause = new ServerPause(this.clock::get, Clock.systemUTC());

	private final Waiter waiter = new Waiter((millis) -> this.clock.addAndGet(millis * 1_000_000L));

	/** No jitter: waits 100ms, 200ms, 400ms… */
	private static RetrySettings retry(int maxAttempts, BudgetSettings budget, RetryAfterScope scope) {
		return new RetrySettings(maxAttempts,
				new BackoffSettings(Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), 0, false), null,
				Duration.ofSeconds(30), null, null, budget, scope);
	}

	private RetryPlan plan(RetrySettings retry) {
		return new RetryPlan(retry, true, this.waiter, this.clock::get, this.clock.get(), (nanos) -> {
		}, null, this.budget, this.pause);
	}

	private static Verdict tooManyRequests(long seconds) {
		return new Verdict(Classification.TRANSIENT, "HTTP 429", Duration.ofSeconds(seconds), false, true);
	}

	@Test
	void aSpentBudgetEndsTheCallExhaustedWithoutAWait() {
		BudgetSettings twoRetries = new BudgetSettings(true, 0.2, 0.2, Duration.ofSeconds(10));
		RetrySettings retry = retry(10, twoRetries, RetryAfterScope.POLICY);
		RetryPlan plan = plan(retry);
		assertThat(plan.afterFailure(1, new IOException(), TRANSIENT)).isInstanceOf(Wait.class);
		assertThat(plan.afterFailure(2, new IOException(), TRANSIENT)).isInstanceOf(Wait.class);
		assertThat(plan.afterFailure(3, new IOException(), TRANSIENT))
			.isEqualTo(new Stop(Ending.EXHAUSTED, "retry budget spent"));
		assertThat(this.budget.refused()).isEqualTo(1);
	}

	@Test
	void eachFailedCallCountsAsAStartedCallAndEarnsItsShare() {
		BudgetSettings ratioOnly = new BudgetSettings(true, 0.5, 0, Duration.ofSeconds(10));
		RetrySettings retry = retry(10, ratioOnly, RetryAfterScope.POLICY);
		assertThat(plan(retry).afterFailure(1, new IOException(), TRANSIENT)).isInstanceOf(Stop.class);
		assertThat(plan(retry).afterFailure(1, new IOException(), TRANSIENT))
			.as("two calls started, half a retry each")
			.isInstanceOf(Wait.class);
	}

	@Test
	void aDisabledBudgetIsNotAsked() {
		RetrySettings retry = retry(200, BudgetSettings.disabled(), RetryAfterScope.POLICY);
		RetryPlan plan = plan(retry);
		for (int attempt = 1; attempt < 150; attempt++) {
			assertThat(plan.afterFailure(attempt, new IOException(), TRANSIENT)).isInstanceOf(Wait.class);
		}
		assertThat(this.budget.refused()).isZero();
	}

	@Test
	void theLastAttemptAndOtherStopsTakeNothingFromTheBudget() {
		RetrySettings retry = retry(1, BudgetSettings.defaults(), RetryAfterScope.POLICY);
		for (int i = 0; i < 200; i++) {
			assertThat(plan(retry).afterFailure(1, new IOException(), TRANSIENT)).isInstanceOf(Stop.class);
		}
		assertThat(this.budget.available(BudgetSettings.defaults())).isEqualTo(100 + 40);
	}

	@Test
	void aServerPauseHoldsOtherCallsRetriesUntilAfterItAndNotTheReceivingCalls() {
		RetrySettings retry = retry(5, BudgetSettings.disabled(), RetryAfterScope.POLICY);
		RetryPlan receiving = plan(retry);
		RetryPlan other = plan(retry);
		assertThat(receiving.afterFailure(1, new IOException(), tooManyRequests(10)))
			.isEqualTo(new Wait(Duration.ofSeconds(10), false));
		assertThat(this.pause.holdsNewCall()).isTrue();
		assertThat(other.afterFailure(1, new IOException(), TRANSIENT))
			.isEqualTo(new Wait(Duration.ofMillis(10_100), false));
	}

	@Test
	void aRetryWhoseWaitEndsDuringAPauseThatBeganMeanwhileWaitsForItsEnd() {
		RetrySettings retry = retry(5, BudgetSettings.disabled(), RetryAfterScope.POLICY);
		RetryPlan other = plan(retry);
		RetryPlan receiving = plan(retry);
		long start = this.clock.get();
		Wait backoff = (Wait) other.afterFailure(1, new IOException(), TRANSIENT);
		receiving.afterFailure(1, new IOException(), tooManyRequests(3));
		assertThat(other.await(backoff)).isEqualTo(RetryDecision.Retry.NOW);
		assertThat(this.clock.get() - start).as("waited until 100ms after the pause's end")
			.isEqualTo(3 * SECOND + ServerPause.FIRST_GOES_AHEAD_NANOS);
	}

	@Test
	void scopeCallLeavesOtherCallsAlone() {
		RetrySettings retry = retry(5, BudgetSettings.disabled(), RetryAfterScope.CALL);
		assertThat(plan(retry).afterFailure(1, new IOException(), tooManyRequests(10)))
			.isEqualTo(new Wait(Duration.ofSeconds(10), false));
		assertThat(this.pause.holdsNewCall()).isFalse();
		assertThat(plan(retry).afterFailure(1, new IOException(), TRANSIENT))
			.isEqualTo(new Wait(Duration.ofMillis(100), false));
	}

	@Test
	void aRetryAfterWithoutAPauseRequestOrPastTheLimitPausesNothing() {
		RetrySettings retry = retry(5, BudgetSettings.disabled(), RetryAfterScope.POLICY);
		Verdict timeoutWithRetryAfter = new Verdict(Classification.TRANSIENT, "HTTP 504", Duration.ofSeconds(5),
				false, false);
		plan(retry).afterFailure(1, new IOException(), timeoutWithRetryAfter);
		plan(retry).afterFailure(1, new IOException(), tooManyRequests(31));
		assertThat(this.pause.holdsNewCall()).isFalse();
	}

	@Test
	void aSupervisedConnectionsPlanHasNeitherBudgetNorPause() {
		RetrySettings retry = retry(200, new BudgetSettings(true, 0.2, 0.1, Duration.ofSeconds(10)),
				RetryAfterScope.POLICY);
		RetryPlan plan = new RetryPlan(retry, true, this.waiter, this.clock::get, this.clock.get(), (nanos) -> {
		});
		for (int attempt = 1; attempt < 50; attempt++) {
			assertThat(plan.afterFailure(attempt, new IOException(), tooManyRequests(1))).isInstanceOf(Wait.class);
		}
		assertThat(this.pause.holdsNewCall()).isFalse();
	}

}
