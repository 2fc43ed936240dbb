package dev.resilience.policy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that flaps: it fails a share of requests with 503 or 400,
 * closes the connection of some without answering, lets a few hang past the client's read
 * timeout, and goes fully down (503) for a moment at a fixed period.
 *
 * <p>Each request carries the client's attempt id in {@value #ATTEMPT_HEADER}. The fault is
 * decided once per id and replayed for a repeat of the same id, because
 * {@code HttpURLConnection} silently sends a request again once when a connection closes
 * before any response: that is one attempt of the caller, and {@link #attemptsSeen()} counts
 * it once.
 */
final class FlappingHttpServer implements AutoCloseable {

	static final String ATTEMPT_HEADER = "X-Attempt";

	/** What the server does with one attempt. */
	enum Fault {

		NONE, UNAVAILABLE, BAD_REQUEST, RESET, HANG

	}

	/**
	 * Shares of requests, each in [0,1], their sum at most 1; the rest succeed.
	 * @param outagePeriod every this long the server is down ...
	 * @param outageLength ... for this long
	 * @param hangFor how long a hanging request is held before its connection is closed
	 */
	record Shares(double unavailable, double badRequest, double reset, double hang, Duration outagePeriod,
			Duration outageLength, Duration hangFor) {
	}

	private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);

	private final Shares shares;

	private final long seed;

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, Fault> faults = new ConcurrentHashMap<>();

	private final LongAdder[] byFault = new LongAdder[Fault.values().length];

	private final LongAdder requests = new LongAdder();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private final long startedAt = System.nanoTime();

	FlappingHttpServer(Shares shares, long seed, int threads) throws IOException {
		this.shares = shares;
		this.seed = seed;
		for (int i = 0; i < this.byFault.length; i++) {
			this.byFault[i] = new LongAdder();
		}
		this.executor = Executors.newFixedThreadPool(threads, named("flapping-server-"));
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/flap";
	}

	/** Distinct attempts that reached the server. */
	long attemptsSeen() {
		return this.faults.size();
	}

	/** Requests received, repeats of an attempt included. */
	long requests() {
		return this.requests.sum();
	}

	/** Distinct attempts that were given this fault. */
	long attemptsWith(Fault fault) {
		return this.byFault[fault.ordinal()].sum();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.increment();
		exchange.getRequestBody().readAllBytes();
		String attempt = exchange.getRequestHeaders().getFirst(ATTEMPT_HEADER);
		Fault fault = this.faults.computeIfAbsent((attempt != null) ? attempt : "none", this::decide);
		switch (fault) {
			case NONE -> respond(exchange, 200, OK);
			case UNAVAILABLE -> respond(exchange, 503, "down".getBytes(StandardCharsets.UTF_8));
			case BAD_REQUEST -> respond(exchange, 400, "bad".getBytes(StandardCharsets.UTF_8));
			case RESET -> exchange.close();
			case HANG -> {
				awaitStop(this.shares.hangFor());
				exchange.close();
			}
		}
	}

	private Fault decide(String attempt) {
		Fault fault = pick(attempt);
		this.byFault[fault.ordinal()].increment();
		return fault;
	}

	private Fault pick(String attempt) {
		long sinceStart = System.nanoTime() - this.startedAt;
		if (sinceStart % this.shares.outagePeriod().toNanos() < this.shares.outageLength().toNanos()) {
			return Fault.UNAVAILABLE;
		}
		double draw = new SplittableRandom(this.seed ^ attempt.hashCode()).nextDouble();
		double bound = this.shares.hang();
		if (draw < bound) {
			return Fault.HANG;
		}
		bound += this.shares.reset();
		if (draw < bound) {
			return Fault.RESET;
		}
		bound += this.shares.badRequest();
		if (draw < bound) {
			return Fault.BAD_REQUEST;
		}
		bound += this.shares.unavailable();
		return (draw < bound) ? Fault.UNAVAILABLE : Fault.NONE;
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void awaitStop(Duration timeout) {
		try {
			this.stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stops the server and its threads, and waits until they have ended. */
	@Override
	public void close() throws InterruptedException {
		this.stopped.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
		if (!this.executor.awaitTermination(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Server threads did not end");
		}
	}

	static ThreadFactory named(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> new Thread(task, prefix + count.incrementAndGet());
	}

}
