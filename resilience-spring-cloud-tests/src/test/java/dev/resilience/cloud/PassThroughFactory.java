package dev.resilience.cloud;

import java.util.function.Function;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;

/** An application's own factory, whose breakers call the supplier once. */
class PassThroughFactory extends CircuitBreakerFactory<Object, ConfigBuilder<Object>> {

	@Override
	public CircuitBreaker create(String id) {
		return new CircuitBreaker() {

			@Override
			public <T> T run(java.util.function.Supplier<T> toRun, Function<Throwable, T> fallback) {
				try {
					return toRun.get();
				}
				catch (RuntimeException ex) {
					return fallback.apply(ex);
				}
			}

		};
	}

	@Override
	protected ConfigBuilder<Object> configBuilder(String id) {
		return () -> new Object();
	}

	@Override
	public void configureDefault(Function<String, Object> defaultConfiguration) {
	}

}
