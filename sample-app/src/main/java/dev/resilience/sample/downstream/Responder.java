package dev.resilience.sample.downstream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;

/** How a route of a {@link MisbehavingServer} answers its n-th request. */
@FunctionalInterface
public interface Responder {

	/**
	 * Answers one request.
	 * @param hit the request's number since the route was last reset, from 1
	 * @param closing released when the server stops (hanging responders wait on it)
	 */
	void respond(HttpExchange exchange, int hit, CountDownLatch closing) throws IOException;

	/** Always answers {@code status} with {@code body}. */
	static Responder status(int status, String body) {
		return (exchange, hit, closing) -> send(exchange, status, body);
	}

	/** Answers 429 with {@code Retry-After} (whole seconds) to the first request, then {@code ok}. */
	static Responder tooManyRequestsOnce(Duration retryAfter, String ok) {
		return (exchange, hit, closing) -> {
			if (hit == 1) {
				exchange.getResponseHeaders().add("Retry-After", Long.toString(retryAfter.toSeconds()));
				send(exchange, 429, "{\"error\":\"quota exceeded\"}");
			}
			else {
				send(exchange, 200, ok);
			}
		};
	}

	/** Answers 503 to the first {@code failures} requests, then {@code ok}. */
	static Responder unavailableTimes(int failures, String ok) {
		return (exchange, hit, closing) -> {
			if (hit <= failures) {
				send(exchange, 503, "{\"error\":\"unavailable\"}");
			}
			else {
				send(exchange, 200, ok);
			}
		};
	}

	/** Answers 503 to requests 2 and 4 of every five (40% of the requests, evenly), else {@code ok}. */
	static Responder failingTwoInFive(String ok) {
		return (exchange, hit, closing) -> {
			int position = hit % 5;
			if (position == 2 || position == 4) {
				send(exchange, 503, "{\"error\":\"overloaded\"}");
			}
			else {
				send(exchange, 200, ok);
			}
		};
	}

	/** Never answers within {@code limit} (or until the server stops), then answers 200. */
	static Responder hang(Duration limit) {
		return (exchange, hit, closing) -> {
			try {
				closing.await(limit.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			send(exchange, 200, "{\"late\":true}");
		};
	}

	/** Hangs until {@code gate} opens (or {@code limit} passes, or the server stops), then answers 200. */
	static Responder hangAtGate(Gate gate, Duration limit) {
		return (exchange, hit, closing) -> {
			try {
				gate.await(limit, closing);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			send(exchange, 200, "{\"late\":true}");
		};
	}

	/** Starts a streamed 200 response and ends it at once: a watch stream that closes. */
	static Responder closeAtOnce() {
		return (exchange, hit, closing) -> {
			exchange.sendResponseHeaders(200, 0);
			exchange.getResponseBody().close();
		};
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
