package dev.resilience.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link RetryPlan} answers: after a failure, {@link Stop} or {@link Wait}; after a wait,
 * {@link Stop} or {@link Retry}. Callers switch over it; none of them decides on its own.
 */
public sealed interface RetryDecision permits RetryDecision.Stop, RetryDecision.Wait, RetryDecision.Retry {

	/** How a call that stops retrying ends. */
	enum Ending {

		/** Retrying ran out (max-attempts, max-elapsed-time, Retry-After too long…). */
		EXHAUSTED,

		/** The failure must not be retried (permanent, not idempotent, interrupted, shutdown…). */
		ABORTED

	}

	/**
	 * End the call now.
	 * @param ending exhausted or aborted
	 * @param reason why, for the final WARN, such as {@code "max-attempts (3) reached"}
	 */
	record Stop(Ending ending, String reason) implements RetryDecision {

		public Stop {
			Objects.requireNonNull(ending, "ending must not be null");
			Objects.requireNonNull(reason, "reason must not be null");
		}

		public boolean exhausted() {
			return this.ending == Ending.EXHAUSTED;
		}

	}

	/**
	 * Wait, then retry.
	 * @param duration how long to wait; with {@code custom}, the least the wait may be (a server's
	 * Retry-After, else zero) and the user's {@code BackOffPolicy} decides the rest
	 * @param custom whether the user's {@code BackOffPolicy} waits ({@code retry.backoff.policy-bean})
	 */
	record Wait(Duration duration, boolean custom) implements RetryDecision {

		public Wait {
			Objects.requireNonNull(duration, "duration must not be null");
		}

		/** For logs: {@code "250ms"}, or what the custom backoff does. */
		public String describe() {
			return this.custom ? "the custom backoff's wait" : this.duration.toMillis() + "ms";
		}

	}

	/** The wait is over: run the next attempt. */
	enum Retry implements RetryDecision {

		NOW

	}

}
