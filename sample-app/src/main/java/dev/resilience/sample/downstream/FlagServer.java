package dev.resilience.sample.downstream;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The feature-flag evaluation service of incident 1: a WebSocket endpoint on the application's
 * own server that streams flag changes to clients presenting the right {@code X-Api-Key}, and
 * rejects every other handshake with 401. Counts the handshakes it saw. Thread-safe.
 */
public class FlagServer extends TextWebSocketHandler implements HandshakeInterceptor {

	/** Where the endpoint listens on the application's server. */
	public static final String PATH = "/downstream/flags";

	static final String API_KEY_HEADER = "X-Api-Key";

	private final String validKey;

	private final Environment environment;

	private final AtomicInteger handshakes = new AtomicInteger();

	public FlagServer(String validKey, Environment environment) {
		this.validKey = validKey;
		this.environment = environment;
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
			WebSocketHandler handler, Map<String, Object> attributes) {
		this.handshakes.incrementAndGet();
		if (!this.validKey.equals(request.getHeaders().getFirst(API_KEY_HEADER))) {
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception failure) {
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		session.sendMessage(new TextMessage("{\"flag\":\"new-checkout\",\"enabled\":true}"));
	}

	/** The endpoint's address; known once the application's server has started. */
	public URI uri() {
		return URI.create("ws://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + PATH);
	}

	/** Handshakes seen since the last reset, accepted or not. */
	public int handshakes() {
		return this.handshakes.get();
	}

	public void reset() {
		this.handshakes.set(0);
	}

}
