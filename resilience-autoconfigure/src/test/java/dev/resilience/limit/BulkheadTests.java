package dev.resilience.limit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.resilience.BulkheadFullException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BulkheadTests {

	@Test
	void givesAtMostMaxConcurrentCallsPlacesAndCountsThem() {
		Bulkhead bulkhead = new Bulkhead("p", new BulkheadSettings(2, Duration.ZERO));
		assertThat(bulkhead.tryAcquire()).isTrue();
		assertThat(bulkhead.tryAcquire()).isTrue();
		assertThat(bulkhead.calls()).isEqualTo(2);
		assertThat(bulkhead.tryAcquire()).isFalse();
		bulkhead.release();
		assertThat(bulkhead.calls()).isEqualTo(1);
		assertThat(bulkhead.tryAcquire()).isTrue();
	}

	@Test
	void aFullBulkheadsFailureNamesThePolicyAndTheLimitWithoutAStackTrace() {
		BulkheadFullException full = new Bulkhead("payments", new BulkheadSettings(3, Duration.ZERO)).full();
		assertThat(full.getPolicy()).isEqualTo("payments");
		assertThat(full.getMaxConcurrentCalls()).isEqualTo(3);
		assertThat(full.getStackTrace()).isEmpty();
		assertThat(full).hasMessageContaining("payments").hasMessageContaining("3");
	}

	@Test
	void givesFreedPlacesInArrivalOrder() throws Exception {
		Bulkhead bulkhead = new Bulkhead("p", new BulkheadSettings(1, Duration.ofSeconds(30)));
		assertThat(bulkhead.tryAcquire()).isTrue();
		List<Integer> order = new CopyOnWriteArrayList<>();
		Thread[] waiters = new Thread[4];
		for (int i = 0; i < waiters.length; i++) {
			int n = i;
			waiters[i] = new Thread(() -> {
				if (bulkhead.tryAcquire()) {
					order.add(n);
					bulkhead.release();
				}
			});
			waiters[i].start();
			// Each waiter queues before the next arrives.
			await().atMost(Duration.ofSeconds(10)).until(() -> bulkhead.queued() == n + 1);
		}
		bulkhead.release();
		for (Thread waiter : waiters) {
			waiter.join(10_000);
		}
		assertThat(order).containsExactly(0, 1, 2, 3);
	}

	@Test
	void anInterruptWhileWaitingRejectsAndKeepsTheFlag() {
		Bulkhead bulkhead = new Bulkhead("p", new BulkheadSettings(1, Duration.ofSeconds(30)));
		assertThat(bulkhead.tryAcquire()).isTrue();
		Thread.currentThread().interrupt();
		try {
			assertThat(bulkhead.tryAcquire()).isFalse();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

}
