package dev.resilience.cloud;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

import dev.resilience.Resilience;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceSpringCloudAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter in an application without Spring Cloud on its classpath behaves as before. */
class WithoutSpringCloudTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceSpringCloudAutoConfiguration.class))
		.withBean(NoWaits.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@Test
	void withSpringCloudTheStarterProvidesBothCircuitBreakerFactories() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ResilienceCircuitBreakerFactory.class);
			assertThat(context).hasSingleBean(ResilienceReactiveCircuitBreakerFactory.class);
		});
	}

	@Test
	void withoutReactorThereIsNoReactiveFactoryAndTheBlockingOneWorks() {
		this.runner.withClassLoader(new FilteredClassLoader("reactor.")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(ReactiveCircuitBreakerFactory.class)).isEmpty();
			AtomicInteger attempts = new AtomicInteger();
			String result = context.getBean(CircuitBreakerFactory.class).create("quotes").run(() -> {
				if (attempts.incrementAndGet() < 2) {
					throw new IllegalStateException("not yet");
				}
				return "ok";
			}, (failure) -> "fallback");
			assertThat(result).isEqualTo("ok");
			assertThat(attempts).hasValue(2);
			assertThat(context.getBean(NoWaits.class).waits()).containsExactly(100L);
		});
	}

	@Test
	void withoutSpringCloudThereIsNoFactoryAndCallsRetryAsBefore() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(CircuitBreakerFactory.class);
			assertThat(context.getBeanNamesForType(ResilienceCircuitBreakerFactory.class)).isEmpty();
			assertThat(context.getBeanNamesForType(ResilienceReactiveCircuitBreakerFactory.class)).isEmpty();
			AtomicInteger attempts = new AtomicInteger();
			String result = context.getBean(Resilience.class).call("quotes", () -> {
				if (attempts.incrementAndGet() < 3) {
					throw new java.io.IOException("reset");
				}
				return "ok";
			});
			assertThat(result).isEqualTo("ok");
			assertThat(attempts).hasValue(3);
			assertThat(context.getBean(NoWaits.class).waits()).containsExactly(100L, 200L);
		});
	}

}
