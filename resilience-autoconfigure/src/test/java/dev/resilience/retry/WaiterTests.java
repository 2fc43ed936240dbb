package dev.resilience.retry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.retry.backoff.FixedBackOffPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Waits that end early: by shutdown or by an interrupt, and what they leave on the thread. */
class WaiterTests {

	@Test
	void aCustomBackoffWokenByShutdownEndsClosedWithoutLeavingAnInterruptFlag() throws InterruptedException {
		Waiter waiter = new Waiter(null);
		FixedBackOffPolicy minute = new FixedBackOffPolicy();
		minute.setBackOffPeriod(60_000);
		AtomicReference<WaitResult> result = new AtomicReference<>();
		AtomicBoolean interruptedAfter = new AtomicBoolean(true);
		Thread waiting = new Thread(() -> {
			result.set(waiter.start(minute).backOff());
			interruptedAfter.set(Thread.currentThread().isInterrupted());
		});
		waiting.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
		waiter.close();
		waiting.join(10_000);
		assertThat(result).hasValue(WaitResult.CLOSED);
		assertThat(interruptedAfter).isFalse();
	}

	@Test
	void aCustomBackoffWokenByAnInterruptEndsInterruptedWithTheFlagSet() throws InterruptedException {
		Waiter waiter = new Waiter(null);
		FixedBackOffPolicy minute = new FixedBackOffPolicy();
		minute.setBackOffPeriod(60_000);
		AtomicReference<WaitResult> result = new AtomicReference<>();
		AtomicBoolean interruptedAfter = new AtomicBoolean();
		Thread waiting = new Thread(() -> {
			result.set(waiter.start(minute).backOff());
			interruptedAfter.set(Thread.currentThread().isInterrupted());
		});
		waiting.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
		waiting.interrupt();
		waiting.join(10_000);
		assertThat(result).hasValue(WaitResult.INTERRUPTED);
		assertThat(interruptedAfter).isTrue();
	}

	@Test
	void aBuiltInWaitWokenByShutdownEndsClosedWithoutLeavingAnInterruptFlag() throws InterruptedException {
		Waiter waiter = new Waiter(null);
		AtomicReference<WaitResult> result = new AtomicReference<>();
		AtomicBoolean interruptedAfter = new AtomicBoolean(true);
		Thread waiting = new Thread(() -> {
			result.set(waiter.sleep(60_000));
			interruptedAfter.set(Thread.currentThread().isInterrupted());
		});
		waiting.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> waiting.getState() == Thread.State.TIMED_WAITING);
		waiter.close();
		waiting.join(10_000);
		assertThat(result).hasValue(WaitResult.CLOSED);
		assertThat(interruptedAfter).isFalse();
	}

}
