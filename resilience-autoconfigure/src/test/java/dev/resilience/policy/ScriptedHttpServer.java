package dev.resilience.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that answers each path from a script: a queue of responses,
 * the last one repeating. A response with status 0 hangs until the server stops; one with status
 * -1 sends a 200 with the start of a chunked body, then drops the connection.
 */
public final class ScriptedHttpServer implements AutoCloseable {

	public record Response(int status, String body, Map<String, String> headers) {

		public static Response of(int status) {
			return new Response(status, "status " + status, Map.of());
		}

		public static Response ok(String body) {
			return new Response(200, body, Map.of());
		}

		public static Response hang() {
			return new Response(0, "", Map.of());
		}

		/** A 200 whose chunked body starts with {@code start}, then the connection drops. */
		public static Response brokenAfter(String start) {
			return new Response(-1, start, Map.of());
		}

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, Queue<Response>> scripts = new ConcurrentHashMap<>();

	private final Map<String, List<String>> received = new ConcurrentHashMap<>();

	private final List<String> arrivals = new CopyOnWriteArrayList<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	public ScriptedHttpServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public void script(String path, Response... responses) {
		this.scripts.put(path, new ConcurrentLinkedQueue<>(List.of(responses)));
	}

	/** Bodies of the requests received on {@code path}, in order. */
	public List<String> received(String path) {
		return this.received.getOrDefault(path, List.of());
	}

	/** The paths of every request received, in the order they arrived. */
	List<String> arrivals() {
		return this.arrivals;
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		this.arrivals.add(path);
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.received.computeIfAbsent(path, (p) -> new CopyOnWriteArrayList<>()).add(body);
		Queue<Response> script = this.scripts.get(path);
		Response response = (script == null) ? Response.of(404) : (script.size() > 1) ? script.poll() : script.peek();
		if (response.status() == 0) {
			try {
				this.stopped.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
		if (response.status() == -1) {
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			out.write(response.body().getBytes(StandardCharsets.UTF_8));
			out.flush();
			try {
				// Let the client read the start before the connection drops.
				this.stopped.await(300, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			// A handler that throws makes the server drop the connection mid-body.
			throw new IOException("dropping the connection mid-body");
		}
		response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(response.status(), bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.stopped.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
