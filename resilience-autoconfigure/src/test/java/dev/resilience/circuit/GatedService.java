package dev.resilience.circuit;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.Resilient;

/**
 * A dependency that either fails at once, or holds every call at a gate until the test opens
 * it, counting the calls inside. State is reached through methods: the bean is a CGLIB proxy.
 */
public class GatedService {

	private volatile CountDownLatch gate;

	private volatile boolean failAfterGate;

	private final AtomicInteger entered = new AtomicInteger();

	private final AtomicInteger inside = new AtomicInteger();

	private final AtomicInteger mostInside = new AtomicInteger();

	@Resilient("inventory")
	public String call() throws IOException, InterruptedException {
		this.entered.incrementAndGet();
		CountDownLatch current = this.gate;
		if (current == null) {
			throw new IOException("inventory is down");
		}
		this.mostInside.accumulateAndGet(this.inside.incrementAndGet(), Math::max);
		try {
			if (!current.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never opened the gate");
			}
		}
		finally {
			this.inside.decrementAndGet();
		}
		if (this.failAfterGate) {
			throw new IOException("inventory is still down");
		}
		return "ok";
	}

	/** From now on every call fails at once. */
	public void failAtOnce() {
		this.gate = null;
	}

	/** From now on calls wait at a new gate; {@link #openGate} lets them finish. */
	public void holdAtGate() {
		this.mostInside.set(0);
		this.entered.set(0);
		this.gate = new CountDownLatch(1);
	}

	/** Lets the held calls finish: fail, or succeed. */
	public void openGate(boolean fail) {
		this.failAfterGate = fail;
		CountDownLatch current = this.gate;
		if (current != null) {
			current.countDown();
		}
	}

	/** Calls that entered since {@link #holdAtGate()}. */
	public int entered() {
		return this.entered.get();
	}

	public int inside() {
		return this.inside.get();
	}

	/** The most calls inside at once since {@link #holdAtGate()}. */
	public int mostInside() {
		return this.mostInside.get();
	}

}
