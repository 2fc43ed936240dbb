package dev.resilience.autoconfigure;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.Resilient;

/**
 * Fails with the given exception a number of times, then succeeds. State is reached through
 * methods: the bean is a CGLIB proxy, whose own fields are not the target's.
 */
public class FlakyService {

	private final AtomicInteger calls = new AtomicInteger();

	private volatile int failuresLeft;

	private volatile RuntimeException failure = new IllegalStateException("boom");

	public int calls() {
		return this.calls.get();
	}

	public void resetCalls() {
		this.calls.set(0);
	}

	public void failNext(int times) {
		this.failuresLeft = times;
	}

	public void failWith(RuntimeException failure) {
		this.failure = failure;
	}

	public RuntimeException failure() {
		return this.failure;
	}

	@Resilient("flaky")
	public String call() {
		this.calls.incrementAndGet();
		if (this.failuresLeft > 0) {
			this.failuresLeft--;
			throw this.failure;
		}
		return "ok";
	}

	@Resilient
	public String unnamed() throws IOException {
		this.calls.incrementAndGet();
		throw new IOException("down #" + this.calls.get());
	}

	@Resilient(value = "flaky", fallback = "recover")
	public String withFallback(String input) {
		this.calls.incrementAndGet();
		throw this.failure;
	}

	String recover(String input, RuntimeException failure) {
		return "fallback:" + input + ":" + failure.getMessage();
	}

	@Resilient(value = "flaky", idempotent = false)
	public String notIdempotent() {
		this.calls.incrementAndGet();
		throw this.failure;
	}

	public String notAnnotated() {
		this.calls.incrementAndGet();
		throw this.failure;
	}

}
