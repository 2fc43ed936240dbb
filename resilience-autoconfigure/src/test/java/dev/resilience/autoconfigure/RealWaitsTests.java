package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/** Waits with the real sleeper (no Sleeper bean): interrupts, shutdown and the time budget. */
class RealWaitsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(FlakyService.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void interruptDuringAWaitEndsTheCallAtOnceWithTheFlagStillSet() {
		this.runner
			.withPropertyValues("resilience.policies.flaky.retry.backoff.initial-interval=20s",
					"resilience.policies.flaky.retry.backoff.max-interval=20s")
			.run((context) -> {
				FlakyService service = context.getBean(FlakyService.class);
				service.failNext(100);
				AtomicReference<Throwable> thrown = new AtomicReference<>();
				AtomicBoolean flagAfter = new AtomicBoolean();
				Thread caller = new Thread(() -> {
					try {
						service.call();
					}
					catch (Throwable ex) {
						thrown.set(ex);
					}
					flagAfter.set(Thread.currentThread().isInterrupted());
				});
				caller.start();
				await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.TIMED_WAITING);
				long interruptedAt = System.nanoTime();
				caller.interrupt();
				caller.join(5000);
				assertThat(caller.isAlive()).isFalse();
				assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(1));
				assertThat(thrown.get()).isSameAs(service.failure());
				assertThat(flagAfter).isTrue();
				assertThat(service.calls()).isEqualTo(1);
			});
	}

	@Test
	void closingTheContextEndsAWaitAtOnce() {
		this.runner
			.withPropertyValues("resilience.policies.flaky.retry.backoff.initial-interval=20s",
					"resilience.policies.flaky.retry.backoff.max-interval=20s")
			.run((context) -> {
				FlakyService service = context.getBean(FlakyService.class);
				service.failNext(100);
				CompletableFuture<String> call = CompletableFuture.supplyAsync(service::call);
				await().atMost(Duration.ofSeconds(5)).until(() -> service.calls() == 1);
				long closedAt = System.nanoTime();
				context.close();
				assertThat(call).failsWithin(5, TimeUnit.SECONDS);
				assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(1));
				assertThat(service.calls()).isEqualTo(1);
			});
	}

	@Test
	void maxElapsedTimeStopsBeforeAWaitThatWouldPassIt() {
		this.runner
			.withPropertyValues("resilience.policies.flaky.retry.max-attempts=10",
					"resilience.policies.flaky.retry.backoff.initial-interval=100ms",
					"resilience.policies.flaky.retry.max-elapsed-time=500ms")
			.run((context) -> {
				FlakyService service = context.getBean(FlakyService.class);
				service.failNext(100);
				long start = System.nanoTime();
				assertThatIllegalStateException().isThrownBy(service::call);
				// waits of 100 and 200ms fit in 500ms; the third (400ms) would end past it
				assertThat(service.calls()).isEqualTo(3);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
			});
	}

}
