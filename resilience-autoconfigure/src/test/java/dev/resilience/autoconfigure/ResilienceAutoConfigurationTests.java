package dev.resilience.autoconfigure;

import java.io.IOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.retry.backoff.FixedBackOffPolicy;

import dev.resilience.Classification;
import dev.resilience.FailureClassifier;
import dev.resilience.Permanent;
import dev.resilience.Resilience;
import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ResilienceAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withBean(FlakyService.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void retriesUpToMaxAttemptsThenThrowsTheLastFailureItself() {
		this.runner.withPropertyValues("resilience.policies.flaky.retry.max-attempts=4").run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(100);
			assertThatIllegalStateException().isThrownBy(service::call).isSameAs(service.failure());
			assertThat(service.calls()).isEqualTo(4);
			assertThat(context.getBean(RecordingSleeper.class).waits()).containsExactly(100L, 200L, 400L);
		});
	}

	@Test
	void recoversWhenARetrySucceeds() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(2);
			assertThat(service.call()).isEqualTo("ok");
			assertThat(service.calls()).isEqualTo(3);
			assertThat(context.getBean(PolicyRegistry.class).find("flaky").counts().get(CallOutcome.RECOVERED))
				.isEqualTo(1);
		});
	}

	@Test
	void earlierFailuresAreAttachedAsSuppressedAtMostFive() {
		this.runner.withPropertyValues("resilience.defaults.retry.max-attempts=8").run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			assertThatExceptionOfType(IOException.class).isThrownBy(service::unnamed).satisfies((ex) -> {
				assertThat(ex).hasMessage("down #8");
				assertThat(ex.getSuppressed()).hasSize(5)
					.extracting(Throwable::getMessage)
					.containsExactly("down #3", "down #4", "down #5", "down #6", "down #7");
			});
		});
	}

	@Test
	void unnamedPolicyIsNamedAfterClassAndMethodAndRunsOnTheDefaults() {
		this.runner.withPropertyValues("resilience.defaults.retry.max-attempts=2").run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			assertThatExceptionOfType(IOException.class).isThrownBy(service::unnamed);
			assertThat(service.calls()).isEqualTo(2);
			assertThat(context.getBean(PolicyRegistry.class).find("FlakyService.unnamed")).isNotNull();
		});
	}

	@Test
	void permanentFailureIsNotRetried() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(5);
			service.failWith(new IllegalArgumentException("wrong input"));
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(service::call);
			assertThat(service.calls()).isEqualTo(1);
			assertThat(context.getBean(RecordingSleeper.class).waits()).isEmpty();
		});
	}

	@Test
	void fallbackReplacesTheFinalFailureAndReceivesIt() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			assertThat(service.withFallback("x")).isEqualTo("fallback:x:boom");
			assertThat(service.calls()).isEqualTo(3);
		});
	}

	@Test
	void nonIdempotentCallRetriesOnlyFailuresBeforeSending() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			assertThatIllegalStateException().isThrownBy(service::notIdempotent);
			assertThat(service.calls()).isEqualTo(1);
			service.resetCalls();
			RuntimeException refused = new RuntimeException(new ConnectException("Connection refused"));
			service.failWith(refused);
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(service::notIdempotent).isSameAs(refused);
			assertThat(service.calls()).isEqualTo(3);
		});
	}

	@Test
	void methodsWithoutAnnotationAreNotRetried() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			assertThat(AopUtils.isAopProxy(service)).isTrue();
			assertThatIllegalStateException().isThrownBy(service::notAnnotated);
			assertThat(service.calls()).isEqualTo(1);
		});
	}

	@Test
	void disabledPolicyPassesCallsStraightThrough() {
		this.runner.withPropertyValues("resilience.policies.flaky.enabled=false").run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(5);
			assertThatIllegalStateException().isThrownBy(service::call);
			assertThat(service.calls()).isEqualTo(1);
			assertThat(context.getBean(PolicyRegistry.class).find("flaky").counts().get(CallOutcome.ABORTED))
				.isEqualTo(1);
		});
	}

	@Test
	void masterSwitchOffLeavesBeansUnproxied() {
		this.runner.withPropertyValues("resilience.enabled=false").run((context) -> {
			assertThat(AopUtils.isAopProxy(context.getBean(FlakyService.class))).isFalse();
			assertThat(context).doesNotHaveBean(Resilience.class);
		});
	}

	@Test
	void policyBeanReplacesTheBuiltInBackoffAndWaitsThroughTheSleeper() {
		this.runner.withBean("fixedBackOff", FixedBackOffPolicy.class, () -> {
			FixedBackOffPolicy policy = new FixedBackOffPolicy();
			policy.setBackOffPeriod(1234);
			return policy;
		}).withPropertyValues("resilience.policies.flaky.retry.backoff.policy-bean=fixedBackOff").run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(100);
			assertThatIllegalStateException().isThrownBy(service::call);
			assertThat(context.getBean(RecordingSleeper.class).waits()).containsExactly(1234L, 1234L);
		});
	}

	@Test
	void immediateFirstRetryWaitsNothingFirst() {
		this.runner
			.withPropertyValues("resilience.policies.flaky.retry.backoff.immediate-first-retry=true",
					"resilience.policies.flaky.retry.max-attempts=4")
			.run((context) -> {
				FlakyService service = context.getBean(FlakyService.class);
				service.failNext(100);
				assertThatIllegalStateException().isThrownBy(service::call);
				assertThat(service.calls()).isEqualTo(4);
				// the first retry did not wait; the later ones back off from the initial interval
				assertThat(context.getBean(RecordingSleeper.class).waits()).containsExactly(100L, 200L);
			});
	}

	@Test
	void classifierBeansDecideBeforeTheBuiltInRules() {
		this.runner.withBean(FailureClassifier.class,
				() -> (policy, failure) -> failure.getMessage().contains("quota") ? Classification.PERMANENT : null)
			.run((context) -> {
				FlakyService service = context.getBean(FlakyService.class);
				service.failNext(5);
				service.failWith(new IllegalStateException("quota exceeded"));
				assertThatIllegalStateException().isThrownBy(service::call);
				assertThat(service.calls()).isEqualTo(1);
			});
	}

	@Test
	void aClassifierBeanThatThrowsCountsTheFailureAsTransientAndStillRecordsIt() {
		this.runner.withBean(FailureClassifier.class, () -> (policy, failure) -> {
			throw new IllegalStateException("classifier bug");
		}).run((context) -> {
				FlakyService service = context.getBean(FlakyService.class);
				CircuitBreaker breaker = context.getBean(PolicyRegistry.class).find("flaky").circuitBreaker();
				service.failNext(100);
				assertThatIllegalStateException().isThrownBy(service::call).withMessage("boom");
				assertThat(service.calls()).isEqualTo(3);
				assertThat(breaker.bufferedCalls()).isEqualTo(3);
			});
	}

	@Test
	void exceptionsAnnotatedPermanentAreNotRetried() {
		this.runner.run((context) -> {
			FlakyService service = context.getBean(FlakyService.class);
			service.failNext(5);
			service.failWith(new WrongKeyException());
			assertThatExceptionOfType(WrongKeyException.class).isThrownBy(service::call);
			assertThat(service.calls()).isEqualTo(1);
		});
	}

	@Test
	void programmaticCallsShareTheSemantics() {
		this.runner.run((context) -> {
			Resilience resilience = context.getBean(Resilience.class);
			int[] attempts = new int[1];
			String result = resilience.call("flaky", () -> {
				if (++attempts[0] < 3) {
					throw new IOException("not yet");
				}
				return "done";
			});
			assertThat(result).isEqualTo("done");
			assertThat(attempts[0]).isEqualTo(3);
			IOException checked = new IOException("always");
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> resilience.call("flaky", () -> {
				throw checked;
			})).isSameAs(checked);
			int[] runs = new int[1];
			assertThatIllegalStateException().isThrownBy(() -> resilience.run("other", () -> {
				runs[0]++;
				throw new IllegalStateException("nope");
			}));
			assertThat(runs[0]).isEqualTo(3);
		});
	}

	@Permanent
	static class WrongKeyException extends RuntimeException {

	}

}
