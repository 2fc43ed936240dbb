package dev.resilience.aop;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.Resilient;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class FallbackValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void missingFallbackFailsStartupNamingBothMethods() {
		this.runner.withBean(MissingFallback.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFallbackException.class)
				.hasMessageContaining("'nowhere'")
				.hasMessageContaining("MissingFallback.fetch(String)")
				.hasMessageContaining("String nowhere(String) or String nowhere(String, Throwable)");
		});
	}

	@Test
	void fallbackWithAnotherReturnTypeFailsStartup() {
		this.runner.withBean(WrongReturnType.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFallbackException.class)
				.hasMessageContaining("WrongReturnType.fetch(String)")
				.hasMessageContaining("returns Integer but must return String")
				.hasMessageContaining("WrongReturnType.recover(String)");
		});
	}

	@Test
	void fallbackWithIncompatibleParametersFailsStartup() {
		this.runner.withBean(WrongParameters.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFallbackException.class)
				.hasMessageContaining("has incompatible parameters")
				.hasMessageContaining("WrongParameters.recover(int)");
		});
	}

	@Test
	void fallbackWithAFailureParameterThatDoesNotAcceptTheFailureLetsItThrough() {
		this.runner.withBean(NarrowFallback.class)
			.withPropertyValues("resilience.defaults.retry.max-attempts=1")
			.run((context) -> {
				NarrowFallback bean = context.getBean(NarrowFallback.class);
				assertThat(bean.fetch("io")).isEqualTo("recovered from IOException wrapper");
				org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> bean.fetch("state"));
			});
	}

	static class MissingFallback {

		@Resilient(fallback = "nowhere")
		public String fetch(String id) {
			return id;
		}

	}

	static class WrongReturnType {

		@Resilient(fallback = "recover")
		public String fetch(String id) {
			return id;
		}

		Integer recover(String id) {
			return 1;
		}

	}

	static class WrongParameters {

		@Resilient(fallback = "recover")
		public String fetch(String id) {
			return id;
		}

		String recover(int id) {
			return "";
		}

	}

	static class NarrowFallback {

		@Resilient(fallback = "recover")
		public String fetch(String kind) {
			if (kind.equals("io")) {
				throw new java.io.UncheckedIOException("wrapper", new java.io.IOException("down"));
			}
			throw new IllegalStateException("state");
		}

		String recover(String kind, java.io.UncheckedIOException failure) {
			return "recovered from IOException " + failure.getMessage();
		}

	}

}
