package dev.resilience.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1: answers with scripted replies in order, then with the
 * fallback reply, and records the path of every request it received.
 */
final class QuoteServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Queue<Reply> script = new ConcurrentLinkedQueue<>();

	private final List<String> received = new CopyOnWriteArrayList<>();

	private volatile Reply fallback = new Reply(200, "{\"symbol\":\"ACME\",\"price\":42.5}", Map.of());

	private QuoteServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static QuoteServer start() throws IOException {
		return new QuoteServer();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	QuoteServer thenReply(int status, String body, Map<String, String> headers) {
		this.script.add(new Reply(status, body, headers));
		return this;
	}

	QuoteServer thenReply(int status) {
		return thenReply(status, "", Map.of());
	}

	QuoteServer otherwiseReply(int status) {
		this.fallback = new Reply(status, "", Map.of());
		return this;
	}

	/** Paths (with query) of the requests received, in order. */
	List<String> received() {
		return this.received;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			in.readAllBytes();
			this.received.add(exchange.getRequestURI().toString());
			Reply reply = this.script.poll();
			reply = (reply != null) ? reply : this.fallback;
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(reply.status(), (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private record Reply(int status, String body, Map<String, String> headers) {
	}

}
