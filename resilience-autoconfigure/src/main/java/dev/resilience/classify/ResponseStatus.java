package dev.resilience.classify;

/**
 * A status the other side answered with, read from an exception.
 *
 * @param code the HTTP status code
 * @param retryAfter the raw {@code Retry-After} header, or {@code null}
 * @param handshake whether it answered a WebSocket handshake rather than a plain request
 */
record ResponseStatus(int code, String retryAfter, boolean handshake) {

	static ResponseStatus http(int code, String retryAfter) {
		return new ResponseStatus(code, retryAfter, false);
	}

	static ResponseStatus handshake(int code, String retryAfter) {
		return new ResponseStatus(code, retryAfter, true);
	}

	/** For logs: {@code "HTTP 503"} or {@code "WebSocket handshake HTTP 503"}. */
	String label() {
		return (this.handshake ? "WebSocket handshake HTTP " : "HTTP ") + this.code;
	}

}
