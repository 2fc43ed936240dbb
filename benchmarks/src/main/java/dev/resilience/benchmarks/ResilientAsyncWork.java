package dev.resilience.benchmarks;

import java.util.concurrent.CompletableFuture;

import reactor.core.publisher.Mono;

import dev.resilience.Resilient;

/** {@link AsyncWork} under our {@code @Resilient}, policy {@code bench}. */
public class ResilientAsyncWork extends AsyncWork {

	@Override
	@Resilient("bench")
	public CompletableFuture<String> future() {
		return super.future();
	}

	@Override
	@Resilient("bench")
	public Mono<String> mono() {
		return super.mono();
	}

}
