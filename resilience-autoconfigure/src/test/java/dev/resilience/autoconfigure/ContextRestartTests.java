package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.Resilience;
import dev.resilience.Session;
import dev.resilience.Supervised;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping and starting the context, as Spring's test framework does with cached contexts: real
 * waits, retries and supervised connections work afterwards; only closing ends them.
 */
class ContextRestartTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceSupervisionAutoConfiguration.class))
		.withBean(FlakyService.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0",
				"resilience.defaults.retry.backoff.initial-interval=20ms");

	@Test
	void retriesWaitAgainAfterTheContextIsStoppedAndStarted() {
		this.runner.run((context) -> {
			context.stop();
			context.start();
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(2);
			long before = System.nanoTime();
			service.call();
			assertThat(service.calls()).isEqualTo(3);
			assertThat(Duration.ofNanos(System.nanoTime() - before)).as("two real waits: 20ms, 40ms")
				.isGreaterThanOrEqualTo(Duration.ofMillis(60));
			assertThat(context.getBean(PolicyRegistry.class).find("flaky").counts().get(CallOutcome.RECOVERED))
				.isEqualTo(1);
		});
	}

	@Test
	void supervisedConnectionsRunAcrossAStopAndStartAndEndOnlyWithClose() {
		CountDownLatch released = new CountDownLatch(1);
		Session holdsTheConnection = (session) -> {
			session.connected();
			released.await();
		};
		Supervised[] handles = new Supervised[2];
		this.runner.run((context) -> {
			Resilience resilience = context.getBean(Resilience.class);
			handles[0] = resilience.supervise("before-stop", "feeds", holdsTheConnection);
			await().atMost(Duration.ofSeconds(5)).until(() -> handles[0].state() == Supervised.State.CONNECTED);
			context.stop();
			context.start();
			handles[1] = resilience.supervise("after-start", "feeds", holdsTheConnection);
			await().atMost(Duration.ofSeconds(5)).until(() -> handles[1].state() == Supervised.State.CONNECTED);
			assertThat(handles[0].state()).isEqualTo(Supervised.State.CONNECTED);
		});
		for (Supervised handle : handles) {
			assertThat(handle.awaitStopped(Duration.ofSeconds(5))).isTrue();
			assertThat(handle.state()).isEqualTo(Supervised.State.STOPPED);
		}
	}

}
