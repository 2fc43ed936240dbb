package dev.resilience.metrics;

import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.CircuitOpenException;
import dev.resilience.autoconfigure.FlakyService;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;
import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.AttemptOutcome;
import dev.resilience.policy.PolicyMetrics;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class MicrometerPolicyMetricsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(RecordingSleeper.class)
		.withBean(FlakyService.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void firstAttemptSuccessRecordsOneAttemptAndOneSuccessfulCall() {
		this.runner.run((context) -> {
			context.getBean(FlakyService.class).call();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(attempts(registry)).containsExactly("1/success/none=1");
			assertThat(calls(registry)).containsExactly("success=1");
			assertThat(timer(registry, "resilience.backoff").count()).isZero();
		});
	}

	@Test
	void successfulCallsRegisterNoNewMeters() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			int before = registry.getMeters().size();
			for (int i = 0; i < 3; i++) {
				service.call();
			}
			assertThat(registry.getMeters()).hasSize(before);
			assertThat(calls(registry)).containsExactly("success=3");
		});
	}

	@Test
	void recoveredCallRecordsEachAttemptAndTheWaits() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(2);
			service.call();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(attempts(registry)).containsExactlyInAnyOrder("1/transient_failure/IllegalStateException=1",
					"2/transient_failure/IllegalStateException=1", "3/success/none=1");
			assertThat(calls(registry)).containsExactly("recovered=1");
			assertThat(timer(registry, "resilience.backoff").count()).isEqualTo(2);
		});
	}

	@Test
	void exhaustedCallRecordsEveryFailedAttempt() {
		this.runner.withPropertyValues("resilience.policies.flaky.retry.max-attempts=3").run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(100);
			assertThatIllegalStateException().isThrownBy(service::call);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(attempts(registry)).containsExactlyInAnyOrder("1/transient_failure/IllegalStateException=1",
					"2/transient_failure/IllegalStateException=1", "3/transient_failure/IllegalStateException=1");
			assertThat(calls(registry)).containsExactly("exhausted=1");
			assertThat(timer(registry, "resilience.backoff").count()).isEqualTo(2);
		});
	}

	@Test
	void permanentFailureAbortsAfterOneAttempt() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(1);
			service.failWith(new IllegalArgumentException("wrong input"));
			assertThatIllegalArgumentException().isThrownBy(service::call);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(attempts(registry)).containsExactly("1/permanent_failure/IllegalArgumentException=1");
			assertThat(calls(registry)).containsExactly("aborted=1");
			assertThat(timer(registry, "resilience.backoff").count()).isZero();
		});
	}

	@Test
	void forcedOpenCircuitRejectsTheCall() {
		this.runner.run((context) -> {
			context.getBean(PolicyRegistry.class).find("flaky").circuitBreaker().transitionTo(CircuitState.FORCED_OPEN);
			FlakyService service = context.getBean(FlakyService.class);
			assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(service::call);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(service.calls()).isZero();
			assertThat(attempts(registry)).containsExactly("1/rejected/CircuitOpenException=1");
			assertThat(calls(registry)).containsExactly("rejected=1");
			assertThat(states(registry)).containsExactlyInAnyOrder("closed=0.0", "open=0.0", "half_open=0.0",
					"forced_open=1.0", "disabled=0.0");
			assertThat(registry.get("resilience.circuitbreaker.transitions")
				.tags("policy", "flaky", "from", "closed", "to", "forced_open")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void failuresOpenTheCircuitAndLaterAttemptsAreRejected() {
		this.runner
			.withPropertyValues("resilience.policies.flaky.circuit-breaker.minimum-number-of-calls=2",
					"resilience.policies.flaky.circuit-breaker.failure-rate-threshold=50",
					"resilience.policies.flaky.circuit-breaker.sliding-window-size=2")
			.run((context) -> {
				FlakyService service = context.getBean(FlakyService.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(gauge(registry, "resilience.circuitbreaker.failure.rate")).isEqualTo(-1.0);
				service.failNext(100);
				assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(service::call);
				assertThat(service.calls()).isEqualTo(2);
				assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(service::call);
				assertThat(service.calls()).isEqualTo(2);
				assertThat(attempts(registry)).containsExactlyInAnyOrder("1/transient_failure/IllegalStateException=1",
						"2/transient_failure/IllegalStateException=1", "3/rejected/CircuitOpenException=1",
						"1/rejected/CircuitOpenException=1");
				assertThat(calls(registry)).containsExactly("rejected=2");
				assertThat(gauge(registry, "resilience.circuitbreaker.failure.rate")).isEqualTo(100.0);
				assertThat(states(registry)).contains("open=1.0", "closed=0.0");
				assertThat(registry.get("resilience.circuitbreaker.transitions")
					.tags("policy", "flaky", "from", "closed", "to", "open")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void fallbacksAreCountedByCause() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(service.withFallback("a")).isEqualTo("fallback:a:boom");
			service.failWith(new IllegalArgumentException("bad"));
			assertThat(service.withFallback("b")).isEqualTo("fallback:b:bad");
			assertThat(fallbacks(registry)).containsExactlyInAnyOrder("exhausted=1.0", "aborted=1.0", "rejected=0.0");
			context.getBean(PolicyRegistry.class).find("flaky").circuitBreaker().transitionTo(CircuitState.FORCED_OPEN);
			assertThat(service.withFallback("c")).startsWith("fallback:c:Circuit of policy 'flaky' is open");
			assertThat(fallbacks(registry)).containsExactlyInAnyOrder("exhausted=1.0", "aborted=1.0", "rejected=1.0");
			assertThat(calls(registry)).containsExactlyInAnyOrder("exhausted=1", "aborted=1", "rejected=1");
		});
	}

	@Test
	void metersExistFromStartupBeforeAnyCall() {
		this.runner.withPropertyValues("resilience.policies.payments.retry.max-attempts=4").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("resilience.calls").tag("policy", "payments").timers())
				.extracting((timer) -> timer.getId().getTag("outcome"))
				.containsExactlyInAnyOrder("success", "recovered", "exhausted", "aborted", "rejected");
			assertThat(registry.find("resilience.attempts").tag("policy", "payments").timers())
				.extracting((timer) -> timer.getId().getTags())
				.containsExactly(List.of(Tag.of("attempt", "1"), Tag.of("exception", "none"),
						Tag.of("outcome", "success"), Tag.of("policy", "payments")));
			assertThat(registry.find("resilience.circuitbreaker.state").tag("policy", "payments").gauges()).hasSize(5);
			assertThat(registry.get("resilience.circuitbreaker.state")
				.tags("policy", "payments", "state", "closed")
				.gauge()
				.value()).isEqualTo(1.0);
			assertThat(registry.get("resilience.circuitbreaker.failure.rate").tag("policy", "payments").gauge().value())
				.isEqualTo(-1.0);
			assertThat(registry.get("resilience.backoff").tag("policy", "payments").timer().count()).isZero();
		});
	}

	@Test
	void attemptsBeyondTheTagBoundShareTheLastTagValue() {
		this.runner.withPropertyValues("resilience.policies.flaky.retry.max-attempts=12").run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(100);
			assertThatIllegalStateException().isThrownBy(service::call);
			assertThat(service.calls()).isEqualTo(12);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(attempts(registry)).hasSize(10)
				.contains("9/transient_failure/IllegalStateException=1",
						"10/transient_failure/IllegalStateException=3");
		});
	}

	@Test
	void everyMeterNameHasOneTagKeySet() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.call();
			service.failNext(1);
			service.call();
			service.failWith(new IllegalArgumentException("bad"));
			service.failNext(1);
			assertThatIllegalArgumentException().isThrownBy(service::call);
			assertThatExceptionOfType(IOException.class).isThrownBy(service::unnamed);
			context.getBean(PolicyRegistry.class).find("flaky").circuitBreaker().transitionTo(CircuitState.FORCED_OPEN);
			assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(service::call);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(tagKeys(registry, "resilience.attempts"))
				.containsExactly(Set.of("policy", "attempt", "outcome", "exception"));
			assertThat(tagKeys(registry, "resilience.calls")).containsExactly(Set.of("policy", "outcome"));
			assertThat(tagKeys(registry, "resilience.backoff")).containsExactly(Set.of("policy"));
			assertThat(tagKeys(registry, "resilience.fallbacks")).containsExactly(Set.of("policy", "cause"));
			assertThat(tagKeys(registry, "resilience.circuitbreaker.state")).containsExactly(Set.of("policy", "state"));
			assertThat(tagKeys(registry, "resilience.circuitbreaker.failure.rate")).containsExactly(Set.of("policy"));
			assertThat(tagKeys(registry, "resilience.circuitbreaker.transitions"))
				.containsExactly(Set.of("policy", "from", "to"));
		});
	}

	@Test
	void attemptTimersAreBoundedAndFurtherExceptionClassesShareOther() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerPolicyMetrics metrics = new MicrometerPolicyMetrics(registry, "bounded", null);
		List<Throwable> failures = List.of(new IOException(), new TimeoutException(), new IllegalStateException(),
				new IllegalArgumentException(), new UnsupportedOperationException(), new ArithmeticException(),
				new ArrayStoreException(), new ClassCastException(), new NullPointerException(),
				new SecurityException());
		for (Throwable failure : failures) {
			for (int attempt = 1; attempt <= 10; attempt++) {
				metrics.attempt(attempt, AttemptOutcome.TRANSIENT_FAILURE, failure, 1);
				metrics.attempt(attempt, AttemptOutcome.PERMANENT_FAILURE, failure, 1);
				metrics.attempt(attempt, AttemptOutcome.REJECTED, failure, 1);
			}
		}
		metrics.attempt(1, AttemptOutcome.TRANSIENT_FAILURE, new IndexOutOfBoundsException(), 1);
		metrics.attempt(1, AttemptOutcome.TRANSIENT_FAILURE, new NoSuchElementException(), 1);
		// the pre-registered first success, the bounded cache, and one "other" per attempt and outcome
		int limit = 1 + MicrometerPolicyMetrics.MAX_ATTEMPT_TIMERS + MicrometerPolicyMetrics.MAX_ATTEMPT_TAG * 4;
		assertThat(registry.find("resilience.attempts").timers()).hasSizeLessThanOrEqualTo(limit);
		// 300 distinct failures: 256 got their own timer, the other 44 and the two new classes share "other"
		assertThat(registry.find("resilience.attempts")
			.tag("exception", "other")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum()).isEqualTo(46);
		assertThat(registry.find("resilience.attempts").tag("exception", "IndexOutOfBoundsException").timers())
			.isEmpty();
	}

	@Test
	void anonymousExceptionClassesAreTaggedWithTheirBinaryName() {
		RuntimeException anonymous = new RuntimeException() {
		};
		assertThat(MicrometerPolicyMetrics.exceptionTag(anonymous.getClass()))
			.isEqualTo("MicrometerPolicyMetricsTests$1");
		assertThat(MicrometerPolicyMetrics.exceptionTag(IOException.class)).isEqualTo("IOException");
		assertThat(MicrometerPolicyMetrics.exceptionTag(null)).isEqualTo("none");
	}

	@Test
	void withoutAMeterRegistryPoliciesRecordNothingAndCallsWork() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
					ResilienceMetricsAutoConfiguration.class))
			.withBean(RecordingSleeper.class)
			.withBean(FlakyService.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(MicrometerPolicyMetricsFactory.class);
				FlakyService service = context.getBean(FlakyService.class);
				service.failNext(1);
				assertThat(service.call()).isEqualTo("ok");
				assertThat(context.getBean(PolicyRegistry.class).find("flaky").metrics())
					.isSameAs(PolicyMetrics.NONE);
			});
	}

	/** {@code attempt/outcome/exception=count} of the attempt timers of policy flaky that recorded something. */
	private static List<String> attempts(MeterRegistry registry) {
		return registry.find("resilience.attempts")
			.tag("policy", "flaky")
			.timers()
			.stream()
			.filter((timer) -> timer.count() > 0)
			.map((timer) -> timer.getId().getTag("attempt") + "/" + timer.getId().getTag("outcome") + "/"
					+ timer.getId().getTag("exception") + "=" + timer.count())
			.toList();
	}

	/** {@code outcome=count} of the call timers of policy flaky that recorded something. */
	private static List<String> calls(MeterRegistry registry) {
		return registry.find("resilience.calls")
			.tag("policy", "flaky")
			.timers()
			.stream()
			.filter((timer) -> timer.count() > 0)
			.map((timer) -> timer.getId().getTag("outcome") + "=" + timer.count())
			.toList();
	}

	private static List<String> states(MeterRegistry registry) {
		return registry.find("resilience.circuitbreaker.state")
			.tag("policy", "flaky")
			.gauges()
			.stream()
			.map((gauge) -> gauge.getId().getTag("state") + "=" + gauge.value())
			.toList();
	}

	private static List<String> fallbacks(MeterRegistry registry) {
		return registry.find("resilience.fallbacks")
			.tag("policy", "flaky")
			.counters()
			.stream()
			.map((counter) -> counter.getId().getTag("cause") + "=" + counter.count())
			.toList();
	}

	private static Timer timer(MeterRegistry registry, String name) {
		return registry.get(name).tag("policy", "flaky").timer();
	}

	private static double gauge(MeterRegistry registry, String name) {
		return registry.get(name).tag("policy", "flaky").gauge().value();
	}

	private static Set<Set<String>> tagKeys(MeterRegistry registry, String name) {
		return registry.find(name)
			.meters()
			.stream()
			.map(Meter::getId)
			.map((id) -> id.getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
			.collect(Collectors.toSet());
	}

}
