package dev.resilience.sample.downstream;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds hanging requests until a scenario lets them go, so that a case can show what happens
 * while they hang and then end them instead of waiting out the hang. Thread-safe.
 */
public final class Gate {

	private volatile CountDownLatch open = new CountDownLatch(1);

	/** Waits until the gate opens, the server stops, or {@code limit} passes. */
	void await(Duration limit, CountDownLatch closing) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		CountDownLatch current = this.open;
		while (closing.getCount() > 0) {
			long left = deadline - System.nanoTime();
			if (left <= 0 || current.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS)) {
				return;
			}
		}
	}

	/** Lets every request waiting at the gate go. */
	public void open() {
		this.open.countDown();
	}

	/** Closes the gate again for the next requests. */
	public void close() {
		this.open = new CountDownLatch(1);
	}

}
