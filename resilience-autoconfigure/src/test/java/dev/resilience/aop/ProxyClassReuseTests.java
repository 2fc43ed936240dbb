package dev.resilience.aop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.Resilient;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A bean's proxy class is generated once per class loader, not once per context: test suites and
 * restarts start many contexts, and each new class costs startup time and memory.
 */
class ProxyClassReuseTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(Quotes.class);

	@Test
	void everyContextReusesTheProxyClassOfTheFirst() {
		List<Class<?>> proxyClasses = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			this.runner.run((context) -> proxyClasses.add(context.getBean(Quotes.class).getClass()));
		}
		assertThat(proxyClasses.get(0)).isNotEqualTo(Quotes.class);
		assertThat(proxyClasses).containsOnly(proxyClasses.get(0));
	}

	@Test
	void aReusedProxyClassRunsEachContextsOwnPolicy() {
		List<Class<?>> proxyClasses = new ArrayList<>();
		List<Integer> attempts = new ArrayList<>();
		for (int maxAttempts : new int[] { 2, 4 }) {
			this.runner.withBean(RecordingSleeper.class)
				.withPropertyValues("resilience.defaults.retry.max-attempts=" + maxAttempts)
				.run((context) -> {
					Quotes quotes = context.getBean(Quotes.class);
					assertThatIllegalStateException().isThrownBy(quotes::failing);
					attempts.add(quotes.failures());
					proxyClasses.add(quotes.getClass());
				});
		}
		assertThat(proxyClasses).containsOnly(proxyClasses.get(0));
		assertThat(attempts).containsExactly(2, 4);
	}

	static class Quotes {

		@Resilient("quotes")
		public String quote() {
			return "quote";
		}

		private final AtomicInteger failures = new AtomicInteger();

		@Resilient("quotes")
		public String failing() {
			this.failures.incrementAndGet();
			throw new IllegalStateException("down");
		}

		public int failures() {
			return this.failures.get();
		}

	}

}
