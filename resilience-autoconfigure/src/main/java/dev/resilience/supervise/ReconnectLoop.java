package dev.resilience.supervise;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

import dev.resilience.Session;
import dev.resilience.Supervised.State;
import dev.resilience.classify.Verdict;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicySettings;
import dev.resilience.retry.RetrySettings;
import dev.resilience.retry.RetryDecision;
import dev.resilience.retry.RetryPlan;
import dev.resilience.retry.Waiter;

/**
 * The body of a supervisor thread: runs the session, and after every end (a return or a throw
 * alike) either stops or waits the policy's backoff before running it again. Every iteration
 * waits or ends the loop, and consecutive failures are bounded by max-attempts. Runs on one
 * thread; not thread-safe.
 */
final class ReconnectLoop implements Runnable {

	private final SupervisedConnection connection;

	private final Session session;

	private final Waiter waiter;

	private final Clock clock;

	private final LongSupplier nanoClock;

	private final SupervisionLog log;

	private int failures;

	/** The retry decision since the last stable connection: its wait n is initial × multiplier^(n−1). */
	private RetryPlan plan;

	ReconnectLoop(SupervisedConnection connection, Session session, Waiter waiter, Clock clock,
			LongSupplier nanoClock, SupervisionLog log) {
		this.connection = connection;
		this.session = session;
		this.waiter = waiter;
		this.clock = clock;
		this.nanoClock = nanoClock;
		this.log = log;
	}

	@Override
	public void run() {
		State end = State.FAILED;
		try {
			end = loop();
		}
		catch (RuntimeException | Error ex) {
			SupervisionLog.logger.error("{} stopped by a failure of its supervisor", this.connection, ex);
		}
		finally {
			this.connection.waitOver();
			this.connection.moveTo(end);
		}
	}

	private State loop() {
		Policy policy = this.connection.policyObject();
		while (!stopping()) {
			this.connection.moveTo(State.CONNECTING);
			SessionAttempt attempt = new SessionAttempt(this.connection, this.nanoClock);
			Throwable failure = null;
			try {
				this.session.run(attempt);
			}
			catch (Throwable ex) {
				failure = ex;
			}
			finally {
				attempt.end();
			}
			if (stopping()) {
				return State.STOPPED;
			}
			PolicySettings settings = policy.settings();
			long up = attempt.upMillis(this.nanoClock.getAsLong());
			boolean stable = up >= 0 && up >= settings.stableAfter().toMillis();
			Verdict verdict = (failure != null) ? policy.classifier().classify(failure) : null;
			SessionOutcome outcome = SessionOutcome.of(verdict);
			this.connection.metrics().sessionEnded(outcome);
			if (stable) {
				this.failures = 0;
				this.plan = null;
			}
			else {
				this.failures++;
			}
			String account = account(failure, up, settings.stableAfter());
			this.connection.ended(this.failures, stable && failure == null ? null : account);
			RetrySettings retry = settings.retry();
			if (this.plan == null) {
				long now = System.nanoTime();
				this.plan = new RetryPlan(retry, true, this.waiter, System::nanoTime, now, policy.metrics()::backoff);
			}
			// An end that classifier.ignore calls a business outcome is a plain end, like a return.
			boolean failed = outcome != SessionOutcome.ENDED;
			RetryDecision decision = this.plan.afterFailure(this.failures, failed ? failure : null,
					failed ? verdict : null);
			if (decision instanceof RetryDecision.Stop stop) {
				return stopped(stop, outcome, failure, verdict, account);
			}
			RetryDecision.Wait wait = (RetryDecision.Wait) decision;
			if (stable) {
				this.log.stableEnded(this.connection, (failure != null) ? account : null, wait.describe());
			}
			else {
				this.log.willReconnect(this.connection, outcome, failure, account, this.failures, retry.maxAttempts(),
						wait.describe());
			}
			if (!await(wait)) {
				return State.STOPPED;
			}
		}
		return State.STOPPED;
	}

	private boolean stopping() {
		return this.connection.stopRequested() || this.waiter.isClosed();
	}

	/** The plan said stop: a permanent failure or retrying ran out ends in FAILED, an interrupt in STOPPED. */
	private State stopped(RetryDecision.Stop stop, SessionOutcome outcome, Throwable failure, Verdict verdict,
			String account) {
		if (outcome == SessionOutcome.PERMANENT_FAILURE) {
			this.log.permanent(this.connection, failure, verdict);
			return State.FAILED;
		}
		if (!stop.exhausted()) {
			return State.STOPPED;
		}
		this.log.gaveUp(this.connection, this.failures, stop.reason(), account);
		return State.FAILED;
	}

	/** Waits as the plan says; {@code false} when the wait was cut short by a stop or shutdown. */
	private boolean await(RetryDecision.Wait wait) {
		this.connection.waitingUntil(wait.custom() ? null : this.clock.instant().plus(wait.duration()));
		try {
			return this.plan.await(wait) == RetryDecision.Retry.NOW;
		}
		finally {
			this.connection.waitOver();
		}
	}

	private static String account(Throwable failure, long upMillis, Duration stableAfter) {
		if (failure != null) {
			return SupervisionLog.describe(failure);
		}
		if (upMillis < 0) {
			return "the session returned without reporting connected()";
		}
		return "closed after " + upMillis + "ms (stable-after is " + stableAfter.toMillis() + "ms)";
	}

}
