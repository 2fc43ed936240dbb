package dev.resilience.aop;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.autoproxy.DefaultAdvisorAutoProxyCreator;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpServerErrorException;

import dev.resilience.BulkheadFullException;
import dev.resilience.CircuitOpenException;
import dev.resilience.Resilience;
import dev.resilience.Resilient;
import dev.resilience.TimeoutExceededException;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;
import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.policy.ScriptedHttpServer;
import dev.resilience.policy.ScriptedHttpServer.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** {@code CompletionStage} methods and {@code Resilience#callAsync} against a real HTTP server (§14). */
class AsyncMethodsTests {

	/** A real backoff wait the caller must not spend blocked: far longer than a loaded first attempt. */
	private static final Duration REAL_WAIT = Duration.ofSeconds(5);

	private ScriptedHttpServer server;

	private ApplicationContextRunner runner;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new ScriptedHttpServer();
		ScriptedHttpServer server = this.server;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withBean(QuoteClient.class, () -> new QuoteClient(server))
			.withPropertyValues("resilience.policies.quotes.retry.backoff.initial-interval=10ms",
					"resilience.policies.quotes.retry.backoff.jitter=0");
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void failedFutureIsRetriedByInvokingTheMethodAgain() {
		this.server.script("/q", Response.of(503), Response.of(503), Response.ok("42"));
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class).run((context) -> {
			QuoteClient client = context.getBean(QuoteClient.class);
			assertThat(client.quote("/q").get(10, TimeUnit.SECONDS)).isEqualTo("42");
			assertThat(client.invocations()).isEqualTo(3);
			assertThat(this.server.received("/q")).hasSize(3);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("resilience.calls").tags("policy", "quotes", "outcome", "recovered").timer().count())
				.isEqualTo(1);
			assertThat(meters.get("resilience.attempts")
				.tags("policy", "quotes", "outcome", "transient_failure", "attempt", "2")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void userSleeperIsCalledOnASchedulerThreadNeverTheCallers() {
		this.server.script("/q", Response.of(503), Response.of(503), Response.ok("42"));
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class).run((context) -> {
			QuoteClient client = context.getBean(QuoteClient.class);
			client.quote("/q").get(10, TimeUnit.SECONDS);
			List<String> threads = context.getBean(AsyncTestSleepers.ThreadRecording.class).threads();
			assertThat(threads).hasSize(2)
				.allSatisfy((name) -> assertThat(name).startsWith("resilience-async")
					.isNotEqualTo(Thread.currentThread().getName()));
		});
	}

	@Test
	void callerIsNotBlockedDuringARealFiveSecondWait() {
		this.server.script("/q", Response.of(503), Response.ok("42"));
		this.runner
			.withPropertyValues(
					"resilience.policies.quotes.retry.backoff.initial-interval=" + REAL_WAIT.toSeconds() + "s")
			.run((context) -> {
				QuoteClient client = context.getBean(QuoteClient.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				long start = System.nanoTime();
				CompletableFuture<String> quote = client.quote("/q");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> meters.find("resilience.attempts")
						.tags("policy", "quotes", "outcome", "transient_failure")
						.timer() != null);
				// The first attempt failed and the wait is running: the caller has its thread.
				assertThat(quote).isNotDone();
				// Still inside the wait, however slowly a loaded machine ran the first attempt.
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REAL_WAIT.minusMillis(500));
				assertThat(quote.get(10, TimeUnit.SECONDS)).isEqualTo("42");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(REAL_WAIT);
				assertThat(this.server.received("/q")).hasSize(2);
				// Measured to the asynchronous outcome, the wait included.
				assertThat(meters.get("resilience.calls").tags("policy", "quotes", "outcome", "recovered").timer()
					.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(REAL_WAIT.toMillis());
				assertThat(meters.get("resilience.backoff").tags("policy", "quotes").timer()
					.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(REAL_WAIT.toMillis());
			});
	}

	@Test
	void synchronousThrowIsAFailedAttemptDeliveredThroughTheFuture() {
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class)
			.withPropertyValues("resilience.policies.quotes.retry.max-attempts=2")
			.run((context) -> {
				QuoteClient client = context.getBean(QuoteClient.class);
				CompletableFuture<String> first = client.throwingFirst();
				assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("second");
				assertThat(client.invocations()).isEqualTo(2);
				CompletableFuture<String> always = client.alwaysThrowing();
				assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
					.isThrownBy(() -> always.get(10, TimeUnit.SECONDS))
					.havingCause()
					.isInstanceOf(IllegalStateException.class)
					.withMessage("thrown by invocation 2");
			});
	}

	@Test
	void everyAttemptRunsTheRestOfTheProxyChain() {
		this.server.script("/q", Response.of(503), Response.of(503), Response.ok("42"));
		AtomicInteger seenByLaterInterceptor = new AtomicInteger();
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class)
			.withBean(DefaultAdvisorAutoProxyCreator.class)
			.withBean("countingAdvisor", Advisor.class, () -> countingAdvisor(seenByLaterInterceptor))
			.run((context) -> {
				QuoteClient client = context.getBean(QuoteClient.class);
				assertThat(client.quote("/q").get(10, TimeUnit.SECONDS)).isEqualTo("42");
				assertThat(seenByLaterInterceptor).hasValue(3);
				assertThat(client.invocations()).isEqualTo(3);
			});
	}

	@Test
	void cancellingDuringAWaitDropsTheWaitAndRetriesNothing() {
		this.server.script("/q", Response.of(503));
		this.runner.withBean(AsyncTestSleepers.Blocking.class).run((context) -> {
			QuoteClient client = context.getBean(QuoteClient.class);
			AsyncTestSleepers.Blocking sleeper = context.getBean(AsyncTestSleepers.Blocking.class);
			CompletableFuture<String> quote = client.quote("/q");
			assertThat(sleeper.awaitEntered()).isTrue();
			assertThat(quote.cancel(true)).isTrue();
			assertThat(sleeper.awaitInterrupted()).isTrue();
			assertThat(client.invocations()).isEqualTo(1);
			assertThat(this.server.received("/q")).hasSize(1);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("resilience.calls").tags("policy", "quotes", "outcome", "aborted").timer().count())
				.isEqualTo(1);
		});
	}

	@Test
	void cancellingDuringAnAttemptCancelsTheAttemptsFuture() {
		this.server.script("/q", Response.hang());
		this.runner.run((context) -> {
			QuoteClient client = context.getBean(QuoteClient.class);
			CompletableFuture<String> quote = client.quote("/q");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.received("/q").size() == 1);
			assertThat(quote.cancel(true)).isTrue();
			// The HTTP exchange itself was cancelled.
			assertThat(client.lastAttempt()).isCompletedExceptionally();
			Throwable failure = client.lastAttempt().handle((value, ex) -> ex).get(5, TimeUnit.SECONDS);
			assertThat(failure).satisfiesAnyOf(
					(ex) -> assertThat(ex).isInstanceOf(java.util.concurrent.CancellationException.class),
					(ex) -> assertThat(ex).hasCauseInstanceOf(java.util.concurrent.CancellationException.class));
			PolicyRegistry registry = context.getBean(PolicyRegistry.class);
			// The permit went back without an outcome: nothing recorded in the window.
			assertThat(registry.find("quotes").circuitBreaker().bufferedCalls()).isZero();
			assertThat(client.invocations()).isEqualTo(1);
		});
	}

	@Test
	void fallbackReplacesTheFinalFailure() {
		this.server.script("/q", Response.of(503));
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class)
			.withPropertyValues("resilience.policies.quotes.retry.max-attempts=2")
			.run((context) -> {
				QuoteClient client = context.getBean(QuoteClient.class);
				assertThat(client.quoteOrCached("/q").get(10, TimeUnit.SECONDS))
					.isEqualTo("cached after ServiceUnavailable");
				assertThat(client.invocations()).isEqualTo(2);
				assertThat(context.getBean(MeterRegistry.class)
					.get("resilience.fallbacks")
					.tags("policy", "quotes", "cause", "exhausted")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void openCircuitRejectsWithoutInvokingTheMethod() {
		this.runner.run((context) -> {
			context.getBean(PolicyRegistry.class).find("quotes").circuitBreaker().transitionTo(CircuitState.FORCED_OPEN);
			QuoteClient client = context.getBean(QuoteClient.class);
			CompletableFuture<String> quote = client.quote("/q");
			assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
				.isThrownBy(() -> quote.get(10, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(CircuitOpenException.class);
			assertThat(client.invocations()).isZero();
			assertThat(client.quoteOrCached("/q").get(10, TimeUnit.SECONDS))
				.isEqualTo("cached after CircuitOpenException");
		});
	}

	@Test
	void logLinesOnOtherThreadsCarryTheCallersMdc() {
		this.server.script("/q", Response.of(503));
		Logger logger = (Logger) LoggerFactory.getLogger("dev.resilience.retry");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		logger.addAppender(appender);
		try {
			this.runner.withPropertyValues("resilience.policies.quotes.retry.max-attempts=2").run((context) -> {
				QuoteClient client = context.getBean(QuoteClient.class);
				MDC.put("request", "r-17");
				String callerThread = Thread.currentThread().getName();
				CompletableFuture<String> caller;
				try {
					caller = client.quote("/q").handle((value, failure) -> MDC.get("request"));
				}
				finally {
					MDC.remove("request");
				}
				assertThat(caller.get(10, TimeUnit.SECONDS)).isEqualTo("r-17");
				assertThat(appender.list).filteredOn((event) -> event.getLevel() == Level.WARN).hasSize(1);
				assertThat(appender.list).hasSizeGreaterThanOrEqualTo(2)
					.allSatisfy((event) -> assertThat(event.getMDCPropertyMap()).containsEntry("request", "r-17"))
					.allSatisfy((event) -> assertThat(event.getThreadName()).isNotEqualTo(callerThread));
			});
		}
		finally {
			logger.detachAppender(appender);
			logger.setLevel(level);
		}
	}

	@Test
	void alreadyCompletedFutureOfTheFirstAttemptIsReturnedAsItIs() {
		this.runner.run((context) -> {
			QuoteClient client = context.getBean(QuoteClient.class);
			CompletableFuture<String> done = client.completed();
			assertThat(done).isSameAs(client.lastAttempt());
			assertThat(context.getBean(MeterRegistry.class)
				.get("resilience.calls")
				.tags("policy", "quotes", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void callAsyncRetriesBySupplyingAFreshStage() {
		this.server.script("/a", Response.of(503), Response.of(503), Response.ok("7"));
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class).run((context) -> {
			HttpClient http = HttpClient.newHttpClient();
			AtomicInteger supplied = new AtomicInteger();
			CompletableFuture<String> result = context.getBean(Resilience.class).callAsync("quotes", () -> {
				supplied.incrementAndGet();
				return send(http, URI.create(this.server.url("/a")));
			});
			assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("7");
			assertThat(supplied).hasValue(3);
			assertThat(this.server.received("/a")).hasSize(3);
		});
	}

	@Test
	void bulkheadPlaceIsHeldUntilTheAsynchronousOutcome() {
		this.server.script("/hang", Response.hang());
		this.server.script("/q", Response.ok("42"));
		this.runner.withPropertyValues("resilience.policies.quotes.bulkhead.max-concurrent-calls=1").run((context) -> {
			QuoteClient client = context.getBean(QuoteClient.class);
			CompletableFuture<String> hanging = client.quote("/hang");
			await().atMost(Duration.ofSeconds(5)).until(() -> this.server.received("/hang").size() == 1);
			CompletableFuture<String> second = client.quote("/q");
			assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
				.isThrownBy(() -> second.get(5, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOf(BulkheadFullException.class);
			assertThat(client.invocations()).isEqualTo(1);
			PolicyRegistry registry = context.getBean(PolicyRegistry.class);
			assertThat(registry.find("quotes").limits().callsHoldingAPlace()).isEqualTo(1);
			hanging.cancel(true);
			assertThat(registry.find("quotes").limits().callsHoldingAPlace()).isZero();
			assertThat(client.quote("/q").get(10, TimeUnit.SECONDS)).isEqualTo("42");
		});
	}

	@Test
	void attemptTimeLimitFailsTheAttemptAndCancelsItsFutureWithoutAnyThread() {
		this.server.script("/hang", Response.hang());
		this.runner.withBean(AsyncTestSleepers.ThreadRecording.class)
			.withPropertyValues("resilience.policies.quotes.timeout.attempt=300ms",
					"resilience.policies.quotes.retry.max-attempts=2")
			.run((context) -> {
				QuoteClient client = context.getBean(QuoteClient.class);
				long start = System.nanoTime();
				CompletableFuture<String> quote = client.quote("/hang");
				assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
					.isThrownBy(() -> quote.get(10, TimeUnit.SECONDS))
					.havingCause()
					.isInstanceOfSatisfying(TimeoutExceededException.class,
							(timeout) -> assertThat(timeout.isTotal()).isFalse());
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
				assertThat(client.invocations()).isEqualTo(2);
				// The abandoned request was cancelled, and no attempt thread was started for it.
				assertThat(client.lastAttempt()).isCompletedExceptionally();
				assertThat(Thread.getAllStackTraces().keySet())
					.noneSatisfy((thread) -> assertThat(thread.getName()).startsWith("resilience-attempt"));
				assertThat(context.getBean(MeterRegistry.class)
					.get("resilience.calls")
					.tags("policy", "quotes", "outcome", "exhausted")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	private static Advisor countingAdvisor(AtomicInteger count) {
		MethodInterceptor counting = (invocation) -> {
			count.incrementAndGet();
			return invocation.proceed();
		};
		return new DefaultPointcutAdvisor(new StaticMethodMatcherPointcut() {

			@Override
			public boolean matches(Method method, Class<?> targetClass) {
				return method.getName().equals("quote") && QuoteClient.class.isAssignableFrom(targetClass);
			}

		}, counting);
	}

	static CompletableFuture<String> send(HttpClient http, URI uri) {
		return http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString())
			.thenApply((response) -> {
				if (response.statusCode() >= 400) {
					throw new CompletionException(HttpServerErrorException.create(
							HttpStatusCode.valueOf(response.statusCode()), "failed", HttpHeaders.EMPTY, null, null));
				}
				return response.body();
			});
	}

	static class QuoteClient {

		private final HttpClient http = HttpClient.newHttpClient();

		private final ScriptedHttpServer server;

		private final AtomicInteger invocations = new AtomicInteger();

		private final AtomicInteger throwing = new AtomicInteger();

		private volatile CompletableFuture<String> lastAttempt;

		QuoteClient(ScriptedHttpServer server) {
			this.server = server;
		}

		int invocations() {
			return this.invocations.get();
		}

		CompletableFuture<String> lastAttempt() {
			return this.lastAttempt;
		}

		@Resilient("quotes")
		public CompletableFuture<String> quote(String path) {
			this.invocations.incrementAndGet();
			this.lastAttempt = send(this.http, URI.create(this.server.url(path)));
			return this.lastAttempt;
		}

		@Resilient(value = "quotes", fallback = "cached")
		public CompletableFuture<String> quoteOrCached(String path) {
			return quote(path);
		}

		CompletableFuture<String> cached(String path, Throwable failure) {
			return CompletableFuture.completedFuture("cached after " + failure.getClass().getSimpleName());
		}

		@Resilient("quotes")
		public CompletableFuture<String> throwingFirst() {
			if (this.invocations.incrementAndGet() == 1) {
				throw new IllegalStateException("thrown before any future");
			}
			return CompletableFuture.supplyAsync(() -> "second");
		}

		@Resilient("quotes")
		public CompletableFuture<String> alwaysThrowing() {
			throw new IllegalStateException("thrown by invocation " + this.throwing.incrementAndGet());
		}

		@Resilient("quotes")
		public CompletableFuture<String> completed() {
			this.lastAttempt = CompletableFuture.completedFuture("done");
			return this.lastAttempt;
		}

	}

}
