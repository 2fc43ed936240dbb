package dev.resilience.policy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.MDC;

import dev.resilience.Resilient;

/**
 * Methods that block until the test lets them go: in {@code Thread.sleep}, in
 * {@code CountDownLatch.await}, in a loop that ignores interrupts (a client library that does),
 * and on a JDK {@code HttpClient} without any timeout. Counts attempts and interrupts, and
 * remembers the thread and MDC each attempt saw. State is reached through methods: the bean is a
 * CGLIB proxy.
 */
public class BlockingService {

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger attempts = new AtomicInteger();

	private final AtomicInteger interrupts = new AtomicInteger();

	private final AtomicInteger running = new AtomicInteger();

	private final List<String> threads = new CopyOnWriteArrayList<>();

	private final List<String> requestIds = new CopyOnWriteArrayList<>();

	private volatile HttpClient client;

	@Resilient("sleepy")
	public String sleep() throws InterruptedException {
		enter();
		try {
			Thread.sleep(30_000);
			return "slept";
		}
		catch (InterruptedException ex) {
			this.interrupts.incrementAndGet();
			throw ex;
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	@Resilient(value = "sleepy", idempotent = false)
	public String sleepNotIdempotent() throws InterruptedException {
		return sleep();
	}

	@Resilient("latched")
	public String await() throws InterruptedException {
		enter();
		try {
			if (!this.release.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never released the latch");
			}
			return "released";
		}
		catch (InterruptedException ex) {
			this.interrupts.incrementAndGet();
			throw ex;
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	/** Hangs until released, whatever interrupts it. */
	@Resilient("stubborn")
	public String ignoreInterrupts() {
		enter();
		try {
			boolean interrupted = false;
			while (this.release.getCount() > 0) {
				try {
					this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					this.interrupts.incrementAndGet();
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
			return "released";
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	@Resilient(value = "stubborn", fallback = "stubbornFallback")
	public String ignoreInterruptsOrFallBack() {
		return ignoreInterrupts();
	}

	public String stubbornFallback(Throwable failure) {
		return "fallback after " + failure.getClass().getSimpleName();
	}

	@Resilient("quick")
	public String quick() {
		enter();
		this.running.decrementAndGet();
		return "quick";
	}

	/** A GET with the JDK's client and no timeout at all. */
	@Resilient("http")
	public String get(String url) throws Exception {
		enter();
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
			if (this.client == null) {
				this.client = HttpClient.newHttpClient();
			}
			return this.client.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	private void enter() {
		this.attempts.incrementAndGet();
		this.running.incrementAndGet();
		this.threads.add(Thread.currentThread().getName());
		this.requestIds.add(String.valueOf(MDC.get("request")));
	}

	public void release() {
		this.release.countDown();
	}

	public int attempts() {
		return this.attempts.get();
	}

	public int interrupts() {
		return this.interrupts.get();
	}

	/** Attempts whose method has not returned yet, abandoned ones included. */
	public int running() {
		return this.running.get();
	}

	public List<String> threads() {
		return this.threads;
	}

	/** The MDC's {@code request} each attempt saw ({@code "null"} for none). */
	public List<String> requestIds() {
		return this.requestIds;
	}

}
