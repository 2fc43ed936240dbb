package dev.resilience.limit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.resilience.LiveThreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AttemptThreadsTests {

	@Test
	void usesVirtualThreadsExactlyWhenTheRuntimeHasThem() throws Exception {
		try (AttemptThreads threads = new AttemptThreads("payments")) {
			assertThat(threads.virtual()).isEqualTo(Runtime.version().feature() >= 21);
			AtomicReference<Thread> ran = new AtomicReference<>();
			CountDownLatch done = new CountDownLatch(1);
			threads.start(() -> {
				ran.set(Thread.currentThread());
				done.countDown();
			});
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(ran.get().getName()).startsWith("resilience-attempt-payments");
			assertThat(ran.get().isDaemon()).isTrue();
		}
	}

	@Test
	void aPoolOfDaemonThreadsIsBoundedAndEndsWhenClosed() throws Exception {
		LiveThreads before = LiveThreads.snapshot();
		CountDownLatch release = new CountDownLatch(1);
		AttemptThreads threads = new AttemptThreads("orders", 2, false);
		try {
			threads.start(() -> awaitQuietly(release));
			threads.start(() -> awaitQuietly(release));
			assertThat(before.started()).containsExactly("resilience-attempt-orders-1", "resilience-attempt-orders-2");
			assertThatExceptionOfType(RejectedExecutionException.class)
				.isThrownBy(() -> threads.start(() -> awaitQuietly(release)))
				.withMessageContaining("All 2 threads of resilience-attempt-orders are busy");
		}
		finally {
			threads.close();
		}
		before.assertAllEndedWithin(Duration.ofSeconds(10));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
