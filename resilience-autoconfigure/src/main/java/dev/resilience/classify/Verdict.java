package dev.resilience.classify;

import java.time.Duration;
import java.util.Objects;

import dev.resilience.Classification;

/**
 * The decision for one failure.
 *
 * @param classification how the failure is treated
 * @param reason short text for logs, such as {@code "HTTP 503"},
 * {@code "credentials rejected (HTTP 401)"} or {@code "classifier.abort-on: com.acme.QuotaException"}
 * @param retryAfter the wait the server asked for ({@code Retry-After}), or {@code null}
 * @param credentialsRejected whether the other side rejected the credentials (HTTP or WebSocket
 * handshake 401/403)
 * @param pausesServer whether the server asked every caller to hold off until the
 * {@code retryAfter} (a 429 or 503 with a {@code Retry-After}): a server-driven pause (§15)
 */
public record Verdict(Classification classification, String reason, Duration retryAfter,
		boolean credentialsRejected, boolean pausesServer) {

	/** A verdict that asks for no server-driven pause. */
	public Verdict(Classification classification, String reason, Duration retryAfter, boolean credentialsRejected) {
		this(classification, reason, retryAfter, credentialsRejected, false);
	}

	public Verdict {
		Objects.requireNonNull(classification, "classification must not be null");
		Objects.requireNonNull(reason, "reason must not be null");
	}

	static Verdict of(Classification classification, String reason) {
		return new Verdict(classification, reason, null, false);
	}

	/** Retried with backoff and recorded as a circuit-breaker failure. */
	public boolean isTransient() {
		return this.classification == Classification.TRANSIENT;
	}

	/** Not retried, not recorded as a circuit-breaker failure. */
	public boolean isPermanent() {
		return this.classification == Classification.PERMANENT;
	}

	/** A business outcome: neither retried nor recorded. */
	public boolean isIgnored() {
		return this.classification == Classification.IGNORED;
	}

}
