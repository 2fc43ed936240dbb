package dev.resilience.sample.flags;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import dev.resilience.Resilience;
import dev.resilience.SessionContext;
import dev.resilience.Supervised;
import dev.resilience.sample.downstream.FlagServer;

/**
 * Keeps a WebSocket to the feature-flag service open, as the client of incident 1 did, written
 * as a user of the starter would: the session connects, says {@code connected()}, and reads
 * until the socket closes; reconnecting (or not) is the starter's business.
 */
@Service
public class FeatureFlagClient {

	private final Resilience resilience;

	private final FlagServer server;

	private final String apiKey;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Map<String, String> flags = new ConcurrentHashMap<>();

	public FeatureFlagClient(Resilience resilience, FlagServer server, @Value("${sample.flags.api-key}") String apiKey) {
		this.resilience = resilience;
		this.server = server;
		this.apiKey = apiKey;
	}

	/** Starts the flag stream under policy {@code flags}. */
	public Supervised connect() {
		return this.resilience.supervise("flags-stream", "flags", this::stream);
	}

	private void stream(SessionContext context) throws Exception {
		URI uri = this.server.uri();
		FlagListener listener = new FlagListener();
		// A rejected handshake fails this join with the JDK's WebSocketHandshakeException (401).
		WebSocket socket = this.http.newWebSocketBuilder()
			.header("X-Api-Key", this.apiKey)
			.buildAsync(uri, listener)
			.join();
		context.connected();
		try {
			listener.closed.get();
		}
		finally {
			socket.abort();
		}
	}

	/** The flags received so far. */
	public Map<String, String> flags() {
		return Map.copyOf(this.flags);
	}

	private final class FlagListener implements WebSocket.Listener {

		private final CompletableFuture<Void> closed = new CompletableFuture<>();

		@Override
		public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
			FeatureFlagClient.this.flags.put("latest", data.toString());
			socket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
			this.closed.complete(null);
			return null;
		}

		@Override
		public void onError(WebSocket socket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

	}

}
