package dev.resilience.autoconfigure;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.Resilient;

/**
 * A dependency that is down: every attempt fails, some only after being held at a gate (a
 * slow request in progress). Counts attempts and remembers the threads that made them. State
 * is reached through methods: the bean is a CGLIB proxy.
 */
public class StuckService {

	private final CountDownLatch gate = new CountDownLatch(1);

	private final AtomicInteger attempts = new AtomicInteger();

	private final AtomicInteger inside = new AtomicInteger();

	private final Set<Thread> heldThreads = ConcurrentHashMap.newKeySet();

	private final Set<Thread> failedThreads = ConcurrentHashMap.newKeySet();

	/** @param held whether the attempt waits at the gate before it fails */
	@Resilient("stuck")
	public String call(boolean held) throws IOException, InterruptedException {
		this.attempts.incrementAndGet();
		this.inside.incrementAndGet();
		try {
			if (held) {
				this.heldThreads.add(Thread.currentThread());
				if (!this.gate.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the test never opened the gate");
				}
			}
			else {
				this.failedThreads.add(Thread.currentThread());
			}
			throw new IOException("stuck is down");
		}
		finally {
			this.inside.decrementAndGet();
		}
	}

	public void openGate() {
		this.gate.countDown();
	}

	public int attempts() {
		return this.attempts.get();
	}

	/** Attempts in progress now. */
	public int inside() {
		return this.inside.get();
	}

	/** Threads whose attempt is (or was) held at the gate. */
	public Set<Thread> heldThreads() {
		return this.heldThreads;
	}

	/** Threads whose attempt failed at once (and then waited to retry). */
	public Set<Thread> failedThreads() {
		return this.failedThreads;
	}

}
