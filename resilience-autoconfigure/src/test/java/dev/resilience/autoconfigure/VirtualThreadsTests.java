package dev.resilience.autoconfigure;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.AsyncTaskExecutor;

import dev.resilience.Resilience;
import dev.resilience.Resilient;
import dev.resilience.Supervised;
import dev.resilience.Supervised.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @Resilient} calls, time-limited attempts and supervised connections made from virtual
 * threads, as an application with {@code spring.threads.virtual.enabled=true} makes them (its
 * task executor runs each task on a virtual thread). Runs on Java 21+ (the JDK 25 pass of {@code .ci/run});
 * the waits are real, so many callers wait in backoff at once on few carrier threads.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsTests {

	private static final int CALLERS = 200;

	private static final int LIMITED_CALLERS = 50;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
				ResilienceAutoConfiguration.class, ResilienceSupervisionAutoConfiguration.class))
		.withBean(TwiceFailingService.class)
		.withPropertyValues("spring.threads.virtual.enabled=true",
				"resilience.policies.twice.retry.max-attempts=3",
				"resilience.policies.twice.retry.backoff.initial-interval=20ms",
				"resilience.policies.twice.circuit-breaker.enabled=false",
				// 200 callers retrying twice at once: more than the default retry budget allows.
				"resilience.policies.twice.retry.budget.enabled=false",
				"resilience.policies.stream.retry.max-attempts=3",
				"resilience.policies.stream.retry.backoff.initial-interval=10ms");

	@Test
	void resilientCallsOnVirtualThreadsRetryAndRecover() {
		this.runner.run((context) -> {
			AsyncTaskExecutor executor = context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class);
			TwiceFailingService service = context.getBean(TwiceFailingService.class);
			List<Future<String>> calls = new ArrayList<>();
			for (int i = 0; i < CALLERS; i++) {
				String key = "call-" + i;
				calls.add(executor.submit(() -> service.call(key)));
			}
			for (int i = 0; i < CALLERS; i++) {
				assertThat(calls.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("ok call-" + i);
			}
			assertThat(service.attempts()).isEqualTo(3 * CALLERS);
			assertThat(service.virtualAttempts()).as("attempts that ran on a virtual thread").isEqualTo(3 * CALLERS);
		});
	}

	@Test
	void supervisedConnectionsStartedFromVirtualThreadsReconnectAndStop() {
		this.runner.run((context) -> {
			AsyncTaskExecutor executor = context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class);
			Resilience resilience = context.getBean(Resilience.class);
			AtomicInteger closedAtOnce = new AtomicInteger();
			Supervised failing = executor.submit(() -> resilience.supervise("closes", "stream", (session) -> {
				session.connected();
				closedAtOnce.incrementAndGet();
			})).get(10, TimeUnit.SECONDS);
			CountDownLatch connected = new CountDownLatch(1);
			Supervised lasting = executor.submit(() -> resilience.supervise("lasts", "stream", (session) -> {
				session.connected();
				connected.countDown();
				new CountDownLatch(1).await();
			})).get(10, TimeUnit.SECONDS);

			assertThat(failing.awaitStopped(Duration.ofSeconds(30))).isTrue();
			assertThat(failing.state()).isEqualTo(State.FAILED);
			assertThat(closedAtOnce).hasValue(3);
			assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(lasting.state()).isEqualTo(State.CONNECTED);
			executor.submit(lasting::stop).get(10, TimeUnit.SECONDS);
			assertThat(lasting.awaitStopped(Duration.ofSeconds(30))).isTrue();
			assertThat(lasting.state()).isEqualTo(State.STOPPED);
		});
	}

	@Test
	void timeLimitedAttemptsReleaseVirtualCallersAndTheRetrySucceeds() {
		this.runner.withBean(HangingOnceService.class)
			// The first attempts hang until interrupted; the retries, meant to pass, get seconds
			// (fifty callers at once on a loaded machine).
			.withPropertyValues("resilience.policies.limited.timeout.attempt=2s",
					"resilience.policies.limited.retry.max-attempts=2",
					"resilience.policies.limited.retry.backoff.initial-interval=10ms",
					"resilience.policies.limited.circuit-breaker.enabled=false",
					"resilience.policies.limited.retry.budget.enabled=false")
			.run((context) -> {
				AsyncTaskExecutor executor = context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class);
				HangingOnceService service = context.getBean(HangingOnceService.class);
				List<Future<String>> calls = new ArrayList<>();
				for (int i = 0; i < LIMITED_CALLERS; i++) {
					String key = "call-" + i;
					calls.add(executor.submit(() -> service.call(key)));
				}
				for (int i = 0; i < LIMITED_CALLERS; i++) {
					assertThat(calls.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("ok call-" + i);
				}
				// Each hung first attempt was interrupted when its limit passed, and none is left.
				await().atMost(Duration.ofSeconds(30)).untilAsserted(
						() -> assertThat(service.interrupted()).isEqualTo(LIMITED_CALLERS));
				assertThat(service.attempts()).isEqualTo(2 * LIMITED_CALLERS);
			});
	}

	static boolean isVirtual(Thread thread) {
		try {
			Method isVirtual = Thread.class.getMethod("isVirtual");
			return (boolean) isVirtual.invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Hangs in the first attempt of each key (until interrupted), then answers at once. */
	public static class HangingOnceService {

		private final Map<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();

		private final AtomicInteger attempts = new AtomicInteger();

		private final AtomicInteger interrupted = new AtomicInteger();

		@Resilient("limited")
		public String call(String key) throws InterruptedException {
			this.attempts.incrementAndGet();
			if (this.attemptsByKey.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet() == 1) {
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					this.interrupted.incrementAndGet();
					throw ex;
				}
			}
			return "ok " + key;
		}

		public int attempts() {
			return this.attempts.get();
		}

		public int interrupted() {
			return this.interrupted.get();
		}

	}

	/** Fails the first two attempts of each key with an {@code IOException}, then answers. */
	public static class TwiceFailingService {

		private final Map<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();

		private final AtomicInteger attempts = new AtomicInteger();

		private final AtomicInteger virtualAttempts = new AtomicInteger();

		@Resilient("twice")
		public String call(String key) throws IOException {
			this.attempts.incrementAndGet();
			if (isVirtual(Thread.currentThread())) {
				this.virtualAttempts.incrementAndGet();
			}
			if (this.attemptsByKey.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet() <= 2) {
				throw new IOException("not yet");
			}
			return "ok " + key;
		}

		public int attempts() {
			return this.attempts.get();
		}

		public int virtualAttempts() {
			return this.virtualAttempts.get();
		}

	}

}
