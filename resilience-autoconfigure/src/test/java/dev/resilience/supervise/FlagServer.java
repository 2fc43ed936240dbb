package dev.resilience.supervise;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * A feature-flag server over WebSocket: {@code /flags} keeps a connection open when the handshake
 * carries the right {@code X-Api-Key} and rejects it with 401 otherwise; {@code /closing} closes
 * every connection as soon as it is open. Every handshake is recorded, by path.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSocket
class FlagServer implements WebSocketConfigurer {

	static final String KEY = "right-key";

	private final Handshakes handshakes = new Handshakes();

	@Bean
	Handshakes handshakes() {
		return this.handshakes;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new TextWebSocketHandler(), "/flags").addInterceptors(new KeyCheck(this.handshakes));
		registry.addHandler(new ClosingHandler(), "/closing").addInterceptors(new KeyCheck(this.handshakes));
	}

	/** Handshakes seen, by path, as {@code System.nanoTime()} stamps. */
	static final class Handshakes {

		private final Map<String, List<Long>> byPath = new ConcurrentHashMap<>();

		void record(String path) {
			this.byPath.computeIfAbsent(path, (p) -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
		}

		List<Long> at(String path) {
			return this.byPath.getOrDefault(path, List.of());
		}

		void clear() {
			this.byPath.clear();
		}

	}

	private static final class KeyCheck implements HandshakeInterceptor {

		private final Handshakes handshakes;

		KeyCheck(Handshakes handshakes) {
			this.handshakes = handshakes;
		}

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler handler, Map<String, Object> attributes) {
			this.handshakes.record(request.getURI().getPath());
			if (KEY.equals(request.getHeaders().getFirst("X-Api-Key"))) {
				return true;
			}
			response.setStatusCode(HttpStatus.UNAUTHORIZED);
			return false;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
				Exception exception) {
		}

	}

	private static final class ClosingHandler extends TextWebSocketHandler {

		@Override
		public void afterConnectionEstablished(WebSocketSession session) throws Exception {
			session.close(CloseStatus.NORMAL);
		}

	}

}
