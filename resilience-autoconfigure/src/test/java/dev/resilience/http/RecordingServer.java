package dev.resilience.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 for tests: answers with scripted replies in order (then with
 * the fallback reply), and records every request it received.
 */
final class RecordingServer implements AutoCloseable {

	private static final Reply OK = new Reply(200, "ok", Map.of());

	private static final Reply HANG = new Reply(0, null, Map.of());

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Queue<Reply> script = new ConcurrentLinkedQueue<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final CountDownLatch closing = new CountDownLatch(1);

	private volatile Reply fallback = OK;

	private RecordingServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		// Handlers that hang must not block the dispatcher thread.
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static RecordingServer start() throws IOException {
		return new RecordingServer();
	}

	/** A port on 127.0.0.1 that nothing listens on: connecting is refused. */
	static URI closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
		}
	}

	URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + pathAndQuery);
	}

	/** The next unanswered request gets this reply. */
	RecordingServer thenReply(int status, String body, Map<String, String> headers) {
		this.script.add(new Reply(status, body, headers));
		return this;
	}

	RecordingServer thenReply(int status, String body) {
		return thenReply(status, body, Map.of());
	}

	/** Once the script is used up, every request is accepted and never answered. */
	RecordingServer otherwiseHang() {
		this.fallback = HANG;
		return this;
	}

	/** Once the script is used up, every request gets this reply. */
	RecordingServer otherwiseReply(int status, String body) {
		this.fallback = new Reply(status, body, Map.of());
		return this;
	}

	List<Received> received() {
		return this.received;
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body,
					exchange.getRequestHeaders().getFirst("Idempotency-Key"),
					exchange.getRequestHeaders().getFirst("X-Team")));
			Reply reply = this.script.poll();
			reply = (reply != null) ? reply : this.fallback;
			if (reply == HANG) {
				this.closing.await();
				return;
			}
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(reply.status(), (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Received(String method, String uri, String body, String idempotencyKey, String team) {
	}

	private record Reply(int status, String body, Map<String, String> headers) {
	}

}
