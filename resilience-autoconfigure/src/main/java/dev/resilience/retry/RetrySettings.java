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
 * @param budget the retry budget of the policy
 * @param retryAfterScope whether a server's Retry-After pauses the policy or only the call
 */
public record RetrySettings(int maxAttempts, BackoffSettings backoff, Duration maxElapsedTime, Duration maxRetryAfter,
		String policyBean, BackOffPolicy customBackOff, BudgetSettings budget, RetryAfterScope retryAfterScope) {

	/** Settings with the default budget and Retry-After scope. */
	public RetrySettings(int maxAttempts, BackoffSettings backoff, Duration maxElapsedTime, Duration maxRetryAfter,
			String policyBean, BackOffPolicy customBackOff) {
		this(maxAttempts, backoff, maxElapsedTime, maxRetryAfter, policyBean, customBackOff, BudgetSettings.defaults(),
				RetryAfterScope.POLICY);
	}

	/**
	 * The contract's defaults: 3 attempts, default backoff, no elapsed limit, Retry-After up to
	 * 30s, the default budget, a Retry-After pauses the policy.
	 */
	public static RetrySettings defaults() {
		return new RetrySettings(3, BackoffSettings.defaults(), null, Duration.ofSeconds(30), null, null);
	}

	public RetrySettings withMaxAttempts(int maxAttempts) {
		return new RetrySettings(maxAttempts, this.backoff, this.maxElapsedTime, this.maxRetryAfter, this.policyBean,
				this.customBackOff, this.budget, this.retryAfterScope);
	}

	public RetrySettings withBudget(BudgetSettings budget) {
		return new RetrySettings(this.maxAttempts, this.backoff, this.maxElapsedTime, this.maxRetryAfter,
				this.policyBean, this.customBackOff, budget, this.retryAfterScope);
	}

	public RetrySettings withRetryAfterScope(RetryAfterScope retryAfterScope) {
		return new RetrySettings(this.maxAttempts, this.backoff, this.maxElapsedTime, this.maxRetryAfter,
				this.policyBean, this.customBackOff, this.budget, retryAfterScope);
	}

}
