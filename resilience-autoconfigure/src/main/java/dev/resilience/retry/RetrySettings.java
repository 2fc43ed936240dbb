package dev.resilience.retry;

import java.time.Duration;

import org.springframework.retry.backoff.BackOffPolicy;

/**
 * Everything a call needs to decide whether, and how long, to wait before the next attempt.
 * Immutable; replaced as a whole when changed at run time.
 *
 * @param maxAttempts total attempts, the first included
 * @param backoff the built-in exponential backoff
 * @param maxElapsedTime stop when the next wait would end past this time since the call began;
 * {@code null} for no limit
 * @param maxRetryAfter a server's Retry-After longer than this ends the call
 * @param policyBean name of a user's {@code BackOffPolicy} bean, or {@code null}
 * @param customBackOff the resolved bean of {@code policyBean}, or {@code null}
 */
public record RetrySettings(int maxAttempts, BackoffSettings backoff, Duration maxElapsedTime, Duration maxRetryAfter,
		String policyBean, BackOffPolicy customBackOff) {

	/** The contract's defaults: 3 attempts, default backoff, no elapsed limit, Retry-After up to 30s. */
	public static RetrySettings defaults() {
		return new RetrySettings(3, BackoffSettings.defaults(), null, Duration.ofSeconds(30), null, null);
	}

	public RetrySettings withMaxAttempts(int maxAttempts) {
		return new RetrySettings(maxAttempts, this.backoff, this.maxElapsedTime, this.maxRetryAfter, this.policyBean,
				this.customBackOff);
	}

}
