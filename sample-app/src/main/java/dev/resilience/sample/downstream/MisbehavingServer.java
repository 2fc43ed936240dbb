package dev.resilience.sample.downstream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and a random port whose routes misbehave on purpose (hang,
 * answer 429, 401, 503, close at once). It records every request it sees, so that a scenario can
 * show what reached the other side: how many attempts, and the pauses between them.
 * Thread-safe.
 */
public final class MisbehavingServer implements AutoCloseable {

	static {
		// The JDK server otherwise delays small responses by ~40 ms (Nagle), which would blur
		// the waits the scenarios measure.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final String name;

	private final HttpServer server;

	private final ExecutorService executor;

	private final CountDownLatch closing = new CountDownLatch(1);

	private final Map<String, List<Hit>> hits = new ConcurrentHashMap<>();

	public MisbehavingServer(String name) throws IOException {
		this.name = name;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, name + "-server-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/** Serves {@code path} with {@code responder}; the hit number counts from 1 since the last reset. */
	public MisbehavingServer route(String path, Responder responder) {
		this.hits.put(path, new CopyOnWriteArrayList<>());
		this.server.createContext(path, (exchange) -> handle(path, responder, exchange));
		return this;
	}

	private void handle(String path, Responder responder, HttpExchange exchange) throws IOException {
		List<Hit> seen = this.hits.get(path);
		long arrived = System.nanoTime();
		int number;
		synchronized (seen) {
			number = seen.size() + 1;
			seen.add(new Hit(exchange.getRequestMethod(), arrived, -1));
		}
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			responder.respond(exchange, number, this.closing);
		}
		finally {
			synchronized (seen) {
				if (number <= seen.size()) {
					seen.set(number - 1, seen.get(number - 1).answered(System.nanoTime()));
				}
			}
		}
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	/** What reached {@code path} since the last {@link #reset(String)}, in arrival order. */
	public List<Hit> hits(String path) {
		List<Hit> seen = this.hits.get(path);
		synchronized (seen) {
			return List.copyOf(seen);
		}
	}

	/** Forgets what reached {@code path}: the next request is hit number 1 again. */
	public void reset(String path) {
		List<Hit> seen = this.hits.get(path);
		synchronized (seen) {
			seen.clear();
		}
	}

	/** Releases hanging requests and stops the server. */
	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Override
	public String toString() {
		return this.name + " on " + uri("/");
	}

}
