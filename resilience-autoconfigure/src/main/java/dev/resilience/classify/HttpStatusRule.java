package dev.resilience.classify;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.resilience.Classification;

/**
 * The built-in rule for statuses the other side answered with (HTTP responses and WebSocket
 * handshakes alike): 401 and 403 are permanent with the credentials rejected; 408, 425, 429, 500,
 * 502, 503 and 504 are transient, with the server's {@code Retry-After}; any other 4xx, 501 and
 * 505 and above are permanent; anything below 400 is transient. Thread-safe.
 */
final class HttpStatusRule {

	private final List<StatusReader> readers;

	private final Clock clock;

	HttpStatusRule(List<StatusReader> readers, Clock clock) {
		this.readers = List.copyOf(readers);
		this.clock = clock;
	}

	/** The verdict for the first throwable in the chain that carries a status, or {@code null}. */
	Verdict classify(List<Throwable> chain) {
		for (Throwable throwable : chain) {
			for (StatusReader reader : this.readers) {
				ResponseStatus status = reader.read(throwable);
				if (status != null) {
					return verdict(status);
				}
			}
		}
		return null;
	}

	Verdict verdict(ResponseStatus status) {
		int code = status.code();
		if (code == 401 || code == 403) {
			return new Verdict(Classification.PERMANENT, "credentials rejected (" + status.label() + ")", null, true);
		}
		if (isTransient(code)) {
			Duration retryAfter = RetryAfter.parse(status.retryAfter(), this.clock);
			boolean pause = retryAfter != null && (code == 429 || code == 503);
			return new Verdict(Classification.TRANSIENT, status.label(), retryAfter, false, pause);
		}
		Classification classification = (code >= 400) ? Classification.PERMANENT : Classification.TRANSIENT;
		return Verdict.of(classification, status.label());
	}

	private static boolean isTransient(int code) {
		return switch (code) {
			case 408, 425, 429, 500, 502, 503, 504 -> true;
			default -> false;
		};
	}

}
