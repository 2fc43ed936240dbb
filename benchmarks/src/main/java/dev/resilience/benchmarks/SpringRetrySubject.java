package dev.resilience.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.retry.RetryCallback;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import org.springframework.retry.support.RetryTemplate;

/** Spring Retry: {@code @Retryable} in a context, and a {@code RetryTemplate} (3 attempts each). */
@State(Scope.Benchmark)
public class SpringRetrySubject {

	private ConfigurableApplicationContext context;

	SpringRetryWork work;

	RetryTemplate template;

	RetryCallback<String, RuntimeException> call;

	RetryCallback<String, RuntimeException> flaky;

	@Setup
	public void setUp() {
		this.context = Contexts.start(SpringRetryConfiguration.class);
		this.work = this.context.getBean(SpringRetryWork.class);
		ExponentialBackOffPolicy backOff = new ExponentialBackOffPolicy();
		backOff.setSleeper((millis) -> {
		});
		this.template = RetryTemplate.builder().maxAttempts(3).customBackoff(backOff).build();
		Work plain = new Work();
		this.call = (context) -> plain.call();
		this.flaky = (context) -> plain.flaky();
	}

	@TearDown
	public void tearDown() {
		this.context.close();
	}

}
