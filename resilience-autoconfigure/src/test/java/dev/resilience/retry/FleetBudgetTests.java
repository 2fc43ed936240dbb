package dev.resilience.retry;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.resilience.Classification;
import dev.resilience.classify.Verdict;
import dev.resilience.retry.RetryDecision.Stop;
import dev.resilience.retry.RetryDecision.Wait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand clients of one policy against a struggling dependency, on the real
 * {@link RetryPlan}, {@link RetryBudget} and {@link ServerPause}, as a discrete-event simulation
 * on a virtual clock: every wait is scheduled, none is slept. The figures printed are those of
 * {@code docs/fleet.md}.
 */
class FleetBudgetTests {

	private static final long MS = 1_000_000L;

	private static final long SECOND = 1_000 * MS;

	private static final int CLIENTS = 1_000;

	private static final int MAX_ATTEMPTS = 4;

	private static final double FAILING = 0.4;

	private static final long RUN = 60 * SECOND;

	/** How long the dependency takes to answer. */
	private static final long LATENCY = 20 * MS;

	/** Each client waits up to this long (uniformly) between the end of a call and the next. */
	private static final long MAX_THINK = 1_000 * MS;

	private static final Verdict SERVER_ERROR = new Verdict(Classification.TRANSIENT, "HTTP 500", null, false);

	private final AtomicLong clock = new AtomicLong();

	private final Waiter waiter = new Waiter((millis) -> {
		throw new AssertionError("the simulation schedules its waits");
	});

	@Test
	void aBudgetKeepsRequestsPerCallUnderOnePlusTheRatioAndTheReservesShare() {
		Figures budgeted = simulate(BudgetSettings.defaults(), 1);
		Figures unbudgeted = simulate(BudgetSettings.disabled(), 1);
		double reserveShare = BudgetSettings.defaults().minRetriesPerSecond() * (RUN / SECOND)
				/ (double) budgeted.calls;
		System.out.printf("Fleet of %d clients, max-attempts %d, dependency failing %.0f%% of requests, %ds:%n",
				CLIENTS, MAX_ATTEMPTS, FAILING * 100, RUN / SECOND);
		System.out.printf("  with the budget (0.2, 10/s, 10s): %s; bound 1 + 0.2 + %.4f = %.4f%n", budgeted,
				reserveShare, 1.2 + reserveShare);
		System.out.printf("  without a budget:                  %s%n", unbudgeted);

		assertThat(budgeted.requestsPerCall()).isLessThanOrEqualTo(1 + 0.2 + reserveShare);
		assertThat(budgeted.requestsPerCall()).as("the budget is used, not just refused").isGreaterThan(1.15);
		assertThat(budgeted.refused).isPositive();
		assertThat(unbudgeted.requestsPerCall()).isBetween(1.55, 1.70);
	}

	@Test
	void aFleetToldRetryAfterTenSecondsSendsNothingForTenSecondsThenOneRequestEach() {
		ServerPause pause = new ServerPause(this.clock::get, Clock.systemUTC());
		// The budget is off: this test is about the pause (with it, 700 of the retries would be refused).
		RetrySettings retry = settings(BudgetSettings.disabled());
		SplittableRandom random = new SplittableRandom(7);
		long[] requests = new long[CLIENTS];
		TreeMap<Long, Integer> afterPause = new TreeMap<>();
		long quietRequests = 0;
		int rejectedNewCalls = 0;
		PriorityQueue<Event> events = new PriorityQueue<>();
		for (int client = 0; client < CLIENTS; client++) {
			events.add(new Event(random.nextLong(5 * MS), client, null, 1));
		}
		long tooManyRequestsUntil = 10 * SECOND;
		while (!events.isEmpty()) {
			Event event = events.poll();
			this.clock.set(event.time);
			RetryPlan plan = event.plan;
			if (event.answer != null) {
				// The answer to a request sent LATENCY ago: 429 until 10s, then 200.
				if (event.answer <= tooManyRequestsUntil) {
					answerTooManyRequests(event, tooManyRequestsUntil, retry, pause, events);
				}
				continue;
			}
			if (plan != null && plan.resumeAfter(WaitResult.SLEPT, 0) instanceof Wait more) {
				events.add(new Event(event.time + more.duration().toNanos(), event.client, plan, event.attempt));
				continue;
			}
			if (plan == null && pause.holdsNewCall()) {
				rejectedNewCalls++;
				continue;
			}
			requests[event.client % CLIENTS]++;
			if (event.time >= 5 * MS && event.time < 10 * SECOND) {
				quietRequests++;
			}
			if (event.time >= 10 * SECOND) {
				afterPause.merge((event.time - 10 * SECOND) / (100 * MS), 1, Integer::sum);
			}
			events.add(new Event(event.time + LATENCY, event.client, plan, event.attempt, event.time));
		}
		long most = 0;
		for (long count : requests) {
			most = Math.max(most, count);
		}
		System.out.printf("Fleet of %d clients told 429 Retry-After: 10 at once: %d requests in the next 10s, "
				+ "%d new calls rejected at once, at most %d requests per client in all; "
				+ "requests per 100ms after the pause: %s%n", CLIENTS, quietRequests, rejectedNewCalls, most,
				afterPause);
		assertThat(quietRequests).isZero();
		assertThat(rejectedNewCalls).isEqualTo(CLIENTS);
		assertThat(most).as("the first request and at most one after the pause").isLessThanOrEqualTo(2);
		assertThat(afterPause.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CLIENTS);
		assertThat(afterPause.firstEntry().getValue()).as("the receiving call goes first, alone").isEqualTo(1);
	}

	private void answerTooManyRequests(Event event, long until, RetrySettings retry, ServerPause pause,
			PriorityQueue<Event> events) {
		RetryPlan plan = event.plan;
		if (plan == null) {
			plan = new RetryPlan(retry, true, this.waiter, this.clock::get, event.answer, (nanos) -> {
			}, null, null, pause);
			// The same client tries a new call a moment later: the pause rejects it.
			events.add(new Event(event.time + 100 * MS, event.client + CLIENTS, null, 1));
		}
		long remaining = until - event.answer;
		Verdict tooManyRequests = new Verdict(Classification.TRANSIENT, "HTTP 429",
				Duration.ofSeconds((remaining + SECOND - 1) / SECOND), false, true);
		if (plan.afterFailure(event.attempt, new IOException(), tooManyRequests) instanceof Wait wait) {
			events.add(new Event(event.time + wait.duration().toNanos(), event.client, plan, event.attempt + 1));
		}
	}

	private static RetrySettings settings(BudgetSettings budget) {
		return new RetrySettings(MAX_ATTEMPTS, BackoffSettings.defaults(), null, Duration.ofSeconds(30), null, null,
				budget, RetryAfterScope.POLICY);
	}

	/** Runs the fleet for {@link #RUN}: calls start until then, and those started finish. */
	private Figures simulate(BudgetSettings budgetSettings, long seed) {
		this.clock.set(0);
		SplittableRandom random = new SplittableRandom(seed);
		AtomicLong successes = new AtomicLong();
		RetryBudget budget = new RetryBudget(successes::get, this.clock::get);
		RetrySettings retry = settings(budgetSettings);
		Figures figures = new Figures();
		PriorityQueue<Event> events = new PriorityQueue<>();
		for (int client = 0; client < CLIENTS; client++) {
			events.add(new Event(random.nextLong(MAX_THINK), client, null, 1));
		}
		while (!events.isEmpty()) {
			Event event = events.poll();
			this.clock.set(event.time);
			RetryPlan plan = event.plan;
			if (plan == null) {
				if (event.time >= RUN) {
					continue;
				}
				figures.calls++;
			}
			else if (plan.resumeAfter(WaitResult.SLEPT, 0) instanceof Stop) {
				throw new AssertionError("nothing stops a scheduled retry here");
			}
			figures.requests++;
			long answered = event.time + LATENCY;
			this.clock.set(answered);
			if (random.nextDouble() >= FAILING) {
				if (event.attempt == 1) {
					successes.incrementAndGet();
				}
				events.add(new Event(answered + random.nextLong(MAX_THINK), event.client, null, 1));
				continue;
			}
			if (plan == null) {
				plan = new RetryPlan(retry, true, this.waiter, this.clock::get, event.time, (nanos) -> {
				}, null, budget, null);
			}
			RetryDecision decision = plan.afterFailure(event.attempt, new IOException(), SERVER_ERROR);
			if (decision instanceof Wait wait) {
				events.add(new Event(answered + wait.duration().toNanos(), event.client, plan, event.attempt + 1));
			}
			else {
				events.add(new Event(answered + random.nextLong(MAX_THINK), event.client, null, 1));
			}
		}
		figures.refused = budget.refused();
		return figures;
	}

	/**
	 * One client's next request at {@code time}: a new call's first attempt ({@code plan}
	 * {@code null}) or attempt {@code attempt} of a call being retried; or, with {@code answer}
	 * (when that request was sent), the answer to it.
	 */
	private record Event(long time, int client, RetryPlan plan, int attempt, Long answer)
			implements Comparable<Event> {

		Event(long time, int client, RetryPlan plan, int attempt) {
			this(time, client, plan, attempt, null);
		}

		@Override
		public int compareTo(Event other) {
			return (this.time != other.time) ? Long.compare(this.time, other.time)
					: Integer.compare(this.client, other.client);
		}

	}

	private static final class Figures {

		long calls;

		long requests;

		long refused;

		double requestsPerCall() {
			return (double) this.requests / this.calls;
		}

		@Override
		public String toString() {
			return String.format("%d calls, %d requests, %.4f requests per call, %d retries refused", this.calls,
					this.requests, requestsPerCall(), this.refused);
		}

	}

}
