package dev.resilience.classify;

import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;

/**
 * Reads the response carried by the JDK {@code HttpClient}'s {@link WebSocketHandshakeException}.
 * Loaded only when the {@code java.net.http} module is present.
 */
final class HandshakeStatusReader implements StatusReader {

	static final String TYPE = "java.net.http.WebSocketHandshakeException";

	private static final String RETRY_AFTER = "Retry-After";

	@Override
	public ResponseStatus read(Throwable throwable) {
		if (!(throwable instanceof WebSocketHandshakeException handshake)) {
			return null;
		}
		HttpResponse<?> response = handshake.getResponse();
		if (response == null) {
			return null;
		}
		String retryAfter = (response.headers() != null)
				? response.headers().firstValue(RETRY_AFTER).orElse(null) : null;
		return ResponseStatus.handshake(response.statusCode(), retryAfter);
	}

}
