package dev.resilience.retry;

/** What a server's {@code Retry-After} holds back ({@code retry.retry-after-scope}). */
public enum RetryAfterScope {

	/** The whole policy pauses: new calls are rejected and other calls' retries wait (§15). */
	POLICY,

	/** Only the call that received it waits. */
	CALL

}
