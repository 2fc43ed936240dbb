package dev.resilience.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.SubmissionPublisher;

import io.reactivex.rxjava3.core.Single;
import kotlin.coroutines.Continuation;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.Resilient;
import dev.resilience.aop.InvalidFallbackException;
import dev.resilience.aop.UnsupportedReturnTypeException;

import static org.assertj.core.api.Assertions.assertThat;

/** Asynchronous return types the starter cannot follow, and asynchronous fallbacks, fail startup (§9, §14). */
class AsyncReturnTypeValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void plainFutureFailsStartupNamingTheMethodAndTheSupportedTypes() {
		assertRefused(PlainFuture.class, "PlainFuture.fetch(String)", "returns Future");
	}

	@Test
	void publisherThatIsNotMonoOrFluxFailsStartup() {
		assertRefused(OwnPublisher.class, "OwnPublisher.stream()", "returns Stream");
	}

	@Test
	void flowPublisherFailsStartup() {
		assertRefused(FlowPublisher.class, "FlowPublisher.events()", "returns SubmissionPublisher");
	}

	@Test
	void kotlinSuspendFunctionFailsStartup() {
		assertRefused(Suspending.class, "Suspending.fetch(String, Continuation)", "is a Kotlin suspend function");
	}

	@Test
	void rxJavaTypeFailsStartup() {
		assertRefused(RxClient.class, "RxClient.fetch()", "returns Single");
	}

	@Test
	void completableFutureSubclassFailsStartup() {
		assertRefused(OwnFuture.class, "OwnFuture.fetch()", "returns Custom");
	}

	@Test
	void asyncFallbackWithOtherTypeArgumentsFailsStartup() {
		this.runner.withBean(WrongAsyncFallback.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFallbackException.class)
				.hasMessageContaining("returns CompletableFuture<Integer> but must return CompletableFuture<String>");
		});
	}

	@Test
	void fallbackOfAFutureMethodThatReturnsAPlainValueFailsStartup() {
		this.runner.withBean(BlockingFallbackOfFuture.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidFallbackException.class)
				.hasMessageContaining("returns String but must return CompletableFuture<String>");
		});
	}

	@Test
	void supportedAsyncTypesAndFittingFallbacksStart() {
		this.runner.withBean(SupportedTypes.class).run((context) -> assertThat(context).hasNotFailed());
	}

	private void assertRefused(Class<?> bean, String method, String problem) {
		this.runner.withBean(bean).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause()
				.isInstanceOf(UnsupportedReturnTypeException.class)
				.hasMessageContaining(method)
				.hasMessageContaining(problem)
				.hasMessageContaining("CompletableFuture, CompletionStage, and Reactor's Mono and Flux");
			FailureAnalysis analysis = StartupFailureReport.of(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(method);
			assertThat(analysis.getAction()).contains("Change " + method + " to return one of");
		});
	}

	static class PlainFuture {

		@Resilient("quotes")
		public Future<String> fetch(String id) {
			return CompletableFuture.completedFuture(id);
		}

	}

	static class OwnPublisher {

		@Resilient("quotes")
		public Stream stream() {
			return new Stream();
		}

	}

	static class Stream implements Publisher<String> {

		@Override
		public void subscribe(Subscriber<? super String> subscriber) {
		}

	}

	static class FlowPublisher {

		@Resilient("quotes")
		public SubmissionPublisher<String> events() {
			return new SubmissionPublisher<>();
		}

	}

	static class Suspending {

		@Resilient("quotes")
		public Object fetch(String id, Continuation<String> continuation) {
			return id;
		}

	}

	static class RxClient {

		@Resilient("quotes")
		public Single<String> fetch() {
			return null;
		}

	}

	static class OwnFuture {

		@Resilient("quotes")
		public Custom fetch() {
			return new Custom();
		}

	}

	static class Custom extends CompletableFuture<String> {

	}

	static class WrongAsyncFallback {

		@Resilient(value = "quotes", fallback = "recover")
		public CompletableFuture<String> fetch(String id) {
			return CompletableFuture.completedFuture(id);
		}

		CompletableFuture<Integer> recover(String id) {
			return CompletableFuture.completedFuture(0);
		}

	}

	static class BlockingFallbackOfFuture {

		@Resilient(value = "quotes", fallback = "recover")
		public CompletableFuture<String> fetch(String id) {
			return CompletableFuture.completedFuture(id);
		}

		String recover(String id) {
			return id;
		}

	}

	static class SupportedTypes {

		@Resilient(value = "quotes", fallback = "recoverFuture")
		public CompletableFuture<String> future(String id) {
			return CompletableFuture.completedFuture(id);
		}

		CompletableFuture<String> recoverFuture(String id, Throwable failure) {
			return CompletableFuture.completedFuture("fallback");
		}

		@Resilient(value = "quotes", fallback = "recoverMono")
		public Mono<String> mono(String id) {
			return Mono.just(id);
		}

		Mono<String> recoverMono(String id) {
			return Mono.just("fallback");
		}

		@Resilient("quotes")
		public java.util.concurrent.CompletionStage<String> stage() {
			return CompletableFuture.completedFuture("x");
		}

		@SuppressWarnings("unused")
		private Flow.Publisher<String> unannotated() {
			return null;
		}

	}

}
