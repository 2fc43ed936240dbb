package dev.resilience.supervise;

import java.time.Clock;
import java.time.Duration;

import dev.resilience.Session;
import dev.resilience.Supervised.State;
import dev.resilience.classify.Verdict;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicySettings;
import dev.resilience.retry.BackoffMath;
import dev.resilience.retry.RetrySettings;
import dev.resilience.retry.WaitResult;
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

	private final SupervisionLog log;

	private int failures;

	/** Waits since the last stable connection: wait n is initial × multiplier^(n−1). */
	private int waits;

	private Waiter.CustomBackOff customBackOff;

	ReconnectLoop(SupervisedConnection connection, Session session, Waiter waiter, Clock clock, SupervisionLog log) {
		this.connection = connection;
		this.session = session;
		this.waiter = waiter;
		this.clock = clock;
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
			SessionAttempt attempt = new SessionAttempt(this.connection, this.clock);
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
			long up = attempt.upMillis(this.clock.millis());
			boolean stable = up >= 0 && up >= settings.stableAfter().toMillis();
			Verdict verdict = (failure != null) ? policy.classifier().classify(failure) : null;
			SessionOutcome outcome = SessionOutcome.of(verdict);
			this.connection.metrics().sessionEnded(outcome);
			if (stable) {
				this.failures = 0;
				this.waits = 0;
				this.customBackOff = null;
			}
			else {
				this.failures++;
			}
			String account = account(failure, up, settings.stableAfter());
			this.connection.ended(this.failures, stable && failure == null ? null : account);
			if (outcome == SessionOutcome.PERMANENT_FAILURE) {
				this.log.permanent(this.connection, failure, verdict);
				return State.FAILED;
			}
			RetrySettings retry = settings.retry();
			if (this.failures >= retry.maxAttempts()) {
				this.log.gaveUp(this.connection, this.failures, account);
				return State.FAILED;
			}
			long wait = plannedWait(retry, verdict);
			String waitText = (wait >= 0) ? wait + "ms" : "the custom backoff's wait";
			if (stable) {
				this.log.stableEnded(this.connection, (failure != null) ? account : null, waitText);
			}
			else {
				this.log.willReconnect(this.connection, outcome, failure, account, this.failures, retry.maxAttempts(),
						waitText);
			}
			if (!await(policy, retry, wait)) {
				return State.STOPPED;
			}
		}
		return State.STOPPED;
	}

	private boolean stopping() {
		return this.connection.stopRequested() || this.waiter.isClosed();
	}

	/** The next wait in milliseconds; -1 when a custom backoff policy decides. */
	private long plannedWait(RetrySettings retry, Verdict verdict) {
		this.waits++;
		if (retry.customBackOff() != null) {
			return -1;
		}
		long wait = Math.round(BackoffMath.delayMillis(retry.backoff(), this.waits, this.waiter.draw()));
		Duration retryAfter = (verdict != null) ? verdict.retryAfter() : null;
		if (retryAfter != null) {
			wait = Math.max(wait, Math.min(retryAfter.toMillis(), retry.maxRetryAfter().toMillis()));
		}
		return wait;
	}

	/** Waits; {@code false} when the wait was cut short by a stop or shutdown. */
	private boolean await(Policy policy, RetrySettings retry, long wait) {
		long before = System.nanoTime();
		WaitResult result;
		if (wait >= 0) {
			this.connection.waitingUntil(this.clock.instant().plusMillis(wait));
			result = this.waiter.sleep(wait);
		}
		else {
			this.connection.waitingUntil(null);
			if (this.customBackOff == null) {
				this.customBackOff = this.waiter.start(retry.customBackOff());
			}
			result = this.customBackOff.backOff();
		}
		this.connection.waitOver();
		policy.metrics().backoff(System.nanoTime() - before);
		return result == WaitResult.SLEPT;
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
