package dev.resilience.benchmarks;

import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

/** The asynchronous work every async subject wraps: an already completed future, a ready {@code Mono}. */
public class AsyncWork {

	private final CompletableFuture<String> future = CompletableFuture.completedFuture("result");

	private final Mono<String> mono = Mono.just("result");

	public CompletableFuture<String> future() {
		return this.future;
	}

	public Mono<String> mono() {
		return this.mono;
	}

}
