package dev.resilience.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.LiveThreads;
import dev.resilience.Resilience;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application context while calls wait in backoff (real waits of 30s), while
 * attempts are in progress, and while supervised connections wait, connect or are connected:
 * every call and every connection ends within a second, and nothing runs afterwards.
 */
class ShutdownTests {

	private static final int WAITING = 4;

	private static final int RUNNING = 4;

	private static final Duration PROMPTLY = Duration.ofSeconds(1);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceSupervisionAutoConfiguration.class))
		.withBean(StuckService.class)
		.withPropertyValues("resilience.policies.stuck.retry.max-attempts=10",
				"resilience.policies.stuck.retry.backoff.initial-interval=30s",
				"resilience.policies.stuck.retry.backoff.max-interval=60s");

	@Test
	void closingEndsEveryCallAndConnectionWithinASecondAndNothingRunsAfter() throws Exception {
		LiveThreads threads = LiveThreads.snapshot();
		ExecutorService callers = Executors.newFixedThreadPool(WAITING + RUNNING);
		this.runner.run((context) -> {
			StuckService service = context.getBean(StuckService.class);
			Policy policy = context.getBean(PolicyRegistry.class).find("stuck");
			List<CompletableFuture<Throwable>> waiting = start(callers, service, false, WAITING);
			List<CompletableFuture<Throwable>> running = start(callers, service, true, RUNNING);
			StuckConnections connections = new StuckConnections(context.getBean(Resilience.class), "stuck");
			await().atMost(Duration.ofSeconds(10)).until(() -> service.failedThreads().size() == WAITING
					&& service.heldThreads().size() == RUNNING && allTimedWaiting(service)
					&& connections.allInTheirStates());
			assertThat(service.attempts()).isEqualTo(WAITING + RUNNING);

			long closedAt = System.nanoTime();
			context.close();
			assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).as("closing").isLessThan(PROMPTLY);
			CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(PROMPTLY);
			assertThat(running).allMatch((call) -> !call.isDone());
			connections.assertAllStoppedWithoutReconnecting();

			long releasedAt = System.nanoTime();
			service.openGate();
			CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - releasedAt)).isLessThan(PROMPTLY);

			for (CompletableFuture<Throwable> call : concat(waiting, running)) {
				assertThat(call.get()).isInstanceOf(IOException.class).hasMessage("stuck is down");
			}
			assertThat(service.inside()).isZero();
			assertThat(policy.counts().get(CallOutcome.ABORTED)).isEqualTo(WAITING + RUNNING);
			assertThat(policy.counts().get(CallOutcome.EXHAUSTED)).isZero();
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> service.attempts() == WAITING + RUNNING && connections.sessionsUnchanged());

			long lateCallAt = System.nanoTime();
			assertThatIOException().isThrownBy(() -> service.call(false));
			assertThat(Duration.ofNanos(System.nanoTime() - lateCallAt)).isLessThan(PROMPTLY);
			assertThat(service.attempts()).as("a call after close makes one attempt, and waits for no retry")
				.isEqualTo(WAITING + RUNNING + 1);
		});
		callers.shutdown();
		assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		threads.assertAllEndedWithin(Duration.ofSeconds(5));
	}

	private static List<CompletableFuture<Throwable>> start(ExecutorService callers, StuckService service,
			boolean held, int count) {
		List<CompletableFuture<Throwable>> calls = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			calls.add(CompletableFuture.supplyAsync(() -> failureOf(service, held), callers));
		}
		return calls;
	}

	private static Throwable failureOf(StuckService service, boolean held) {
		try {
			service.call(held);
			return null;
		}
		catch (Exception ex) {
			return ex;
		}
	}

	private static boolean allTimedWaiting(StuckService service) {
		return concat(service.failedThreads(), service.heldThreads()).stream()
			.allMatch((thread) -> thread.getState() == Thread.State.TIMED_WAITING);
	}

	private static <T> List<T> concat(Collection<T> first, Collection<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
