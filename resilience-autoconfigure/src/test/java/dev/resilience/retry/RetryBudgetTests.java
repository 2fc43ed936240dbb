package dev.resilience.retry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry budget on a clock the test moves (as Finagle's and tower's budget tests do). */
class RetryBudgetTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong(42 * SECOND);

	private final AtomicLong successes = new AtomicLong();

	private final RetryBudget budget = new RetryBudget(this.successes::get, this.clock::get);

	private static BudgetSettings budget(double ratio, double minPerSecond) {
		return new BudgetSettings(true, ratio, minPerSecond, Duration.ofSeconds(10));
	}

	private int retriesAllowed(BudgetSettings settings) {
		int allowed = 0;
		while (this.budget.tryRetry(settings)) {
			allowed++;
		}
		return allowed;
	}

	@Test
	void aQuietPolicyHasTheReserveOfMinRetriesPerSecondTimesTheWindow() {
		BudgetSettings defaults = BudgetSettings.defaults();
		assertThat(this.budget.available(defaults)).isEqualTo(100);
		assertThat(retriesAllowed(defaults)).isEqualTo(100);
		assertThat(this.budget.available(defaults)).isZero();
		assertThat(this.budget.refused()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(doubles = { 0.0001, 0.01, 0.1, 0.2, 0.5, 0.9999, 1.0 })
	void retriesAreTheRatioOfTheCallsStartedInTheWindow(double ratio) {
		this.successes.set(10_000);
		assertThat(retriesAllowed(budget(ratio, 0))).isBetween((int) (10_000 * ratio) - 1, (int) (10_000 * ratio) + 1);
	}

	@Test
	void callsWhoseFirstAttemptFailedCountAsStartedToo() {
		this.successes.set(600);
		for (int i = 0; i < 400; i++) {
			this.budget.firstAttemptFailed();
		}
		assertThat(this.budget.available(BudgetSettings.defaults())).isEqualTo(200 + 100);
	}

	@Test
	void callsAndRetriesLeaveTheBudgetWhenTheWindowHasPassed() {
		BudgetSettings defaults = BudgetSettings.defaults();
		this.successes.set(1_000);
		assertThat(retriesAllowed(defaults)).isEqualTo(300);
		this.clock.addAndGet(9 * SECOND);
		assertThat(this.budget.available(defaults)).isZero();
		this.clock.addAndGet(2 * SECOND);
		assertThat(this.budget.available(defaults)).isEqualTo(100);
	}

	@Test
	void slicesLeaveTheWindowOneByOne() {
		BudgetSettings ratioOnly = budget(0.5, 0);
		this.successes.set(100);
		assertThat(this.budget.available(ratioOnly)).isEqualTo(50);
		this.clock.addAndGet(5 * SECOND);
		assertThat(this.budget.available(ratioOnly)).isEqualTo(50);
		this.successes.addAndGet(100);
		assertThat(this.budget.available(ratioOnly)).isEqualTo(100);
		this.clock.addAndGet(5 * SECOND + SECOND / 2);
		assertThat(this.budget.available(ratioOnly)).as("the first 100 calls left the window").isEqualTo(50);
		this.clock.addAndGet(5 * SECOND);
		assertThat(this.budget.available(ratioOnly)).isZero();
	}

	@Test
	void callsCountedAfterAQuietSpellAreSpreadOverTheTimeThatPassed() {
		BudgetSettings ratioOnly = budget(1.0, 0);
		this.budget.available(ratioOnly);
		this.clock.addAndGet(60 * SECOND + SECOND / 2);
		this.successes.set(600);
		assertThat(this.budget.available(ratioOnly)).as("9 to 10 of the 60 seconds' calls: the window's share")
			.isBetween(90L, 100L);
	}

	@Test
	void aChangedWindowStartsAFreshCount() {
		this.successes.set(1_000);
		assertThat(retriesAllowed(BudgetSettings.defaults())).isEqualTo(300);
		BudgetSettings shorter = new BudgetSettings(true, 0.2, 10, Duration.ofSeconds(5));
		assertThat(this.budget.available(shorter)).isEqualTo(50);
	}

	@Test
	void aFractionalReserveAddsUpOverTheWindow() {
		assertThat(this.budget.available(new BudgetSettings(true, 0.2, 0.5, Duration.ofSeconds(10)))).isEqualTo(5);
	}

}
