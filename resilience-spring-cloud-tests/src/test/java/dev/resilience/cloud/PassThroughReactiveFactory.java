package dev.resilience.cloud;

import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

/** An application's own reactive factory, whose breakers subscribe the publisher once. */
class PassThroughReactiveFactory extends ReactiveCircuitBreakerFactory<Object, ConfigBuilder<Object>> {

	@Override
	public ReactiveCircuitBreaker create(String id) {
		return new ReactiveCircuitBreaker() {

			@Override
			public <T> Mono<T> run(Mono<T> toRun, Function<Throwable, Mono<T>> fallback) {
				return toRun.onErrorResume(fallback);
			}

			@Override
			public <T> Flux<T> run(Flux<T> toRun, Function<Throwable, Flux<T>> fallback) {
				return toRun.onErrorResume(fallback);
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
