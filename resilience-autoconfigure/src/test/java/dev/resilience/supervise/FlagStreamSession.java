package dev.resilience.supervise;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import dev.resilience.Session;
import dev.resilience.SessionContext;

/**
 * What a user writes: one WebSocket connection with Spring's standard client, from the handshake
 * until the server closes it. Counts its runs and keeps the last failure it threw.
 */
final class FlagStreamSession implements Session {

	private final StandardWebSocketClient client = new StandardWebSocketClient();

	private final URI uri;

	private final String key;

	private final AtomicInteger runs = new AtomicInteger();

	private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

	FlagStreamSession(URI uri, String key) {
		this.uri = uri;
		this.key = key;
	}

	@Override
	public void run(SessionContext context) throws Exception {
		this.runs.incrementAndGet();
		CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.add("X-Api-Key", this.key);
		WebSocketSession session;
		try {
			session = this.client.execute(new TextWebSocketHandler() {

				@Override
				public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
					closed.complete(status);
				}

			}, headers, this.uri).get();
		}
		catch (Exception ex) {
			this.lastFailure.set(ex);
			throw ex;
		}
		try {
			context.connected();
			closed.get();
		}
		finally {
			if (session.isOpen()) {
				session.close();
			}
		}
	}

	int runs() {
		return this.runs.get();
	}

	Throwable lastFailure() {
		return this.lastFailure.get();
	}

}
