package dev.resilience.cloud;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.resilience.CircuitOpenException;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceSpringCloudAutoConfiguration;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter's {@link ReactiveCircuitBreakerFactory} in a real context, its breakers running
 * {@code WebClient} requests (on the JDK's {@code HttpClient}) against a real server.
 */
class ReactiveCircuitBreakerTests {

	private static final Duration LONG_ENOUGH = Duration.ofSeconds(10);

	private static final String QUOTE = "{\"symbol\":\"ACME\",\"price\":42.5}";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceSpringCloudAutoConfiguration.class))
		.withBean(NoWaits.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	private final List<Throwable> fallbackCauses = new CopyOnWriteArrayList<>();

	private QuoteServer server;

	private WebClient webClient;

	@BeforeEach
	void startServer() throws IOException {
		this.server = QuoteServer.start();
		this.webClient = WebClient.builder()
			.baseUrl(this.server.url())
			.clientConnector(new JdkClientHttpConnector())
			.build();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void aMonoIsSubscribedAgainForEachRetryUntilItRecovers() {
		this.server.thenReply(503).thenReply(503);
		this.runner.run((context) -> {
			String quote = breaker(context, "quotes").run(quote(), this::stale).block(LONG_ENOUGH);
			assertThat(quote).isEqualTo(QUOTE);
			assertThat(this.server.received()).hasSize(3);
			assertThat(registry(context).find("quotes").counts().get(CallOutcome.RECOVERED)).isEqualTo(1);
			assertThat(context.getBean(NoWaits.class).waits()).containsExactly(100L, 200L);
			assertThat(this.fallbackCauses).isEmpty();
		});
	}

	@Test
	void theFinalFailureGoesToTheFallback() {
		this.server.otherwiseReply(503);
		this.runner.withPropertyValues("resilience.policies.quotes.retry.max-attempts=2").run((context) -> {
			String quote = breaker(context, "quotes").run(quote(), this::stale).block(LONG_ENOUGH);
			assertThat(quote).isEqualTo("stale");
			assertThat(this.server.received()).hasSize(2);
			assertThat(registry(context).find("quotes").counts().get(CallOutcome.EXHAUSTED)).isEqualTo(1);
			assertThat(this.fallbackCauses).singleElement()
				.isInstanceOf(WebClientResponseException.ServiceUnavailable.class);
		});
	}

	@Test
	void withoutAFallbackTheFinalFailureReachesTheSubscriberAsSpringCloudSays() {
		this.server.otherwiseReply(503);
		this.runner.withPropertyValues("resilience.policies.quotes.retry.max-attempts=2").run((context) -> {
			ReactiveCircuitBreaker breaker = breaker(context, "quotes");
			assertThatExceptionOfType(NoFallbackAvailableException.class)
				.isThrownBy(() -> breaker.run(quote()).block(LONG_ENOUGH))
				.withCauseInstanceOf(WebClientResponseException.ServiceUnavailable.class);
			assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
				.isThrownBy(() -> breaker.run(quote(), null).block(LONG_ENOUGH));
			assertThat(this.server.received()).hasSize(4);
		});
	}

	@Test
	void anOpenCircuitRejectsTheCallWithoutSubscribing() {
		AtomicInteger subscriptions = new AtomicInteger();
		this.runner.withPropertyValues("resilience.policies.quotes.circuit-breaker.forced-state=forced-open")
			.run((context) -> {
				Mono<String> counted = quote().doOnSubscribe((subscription) -> subscriptions.incrementAndGet());
				String quote = breaker(context, "quotes").run(counted, this::stale).block(LONG_ENOUGH);
				assertThat(quote).isEqualTo("stale");
				assertThat(subscriptions).hasValue(0);
				assertThat(this.server.received()).isEmpty();
				assertThat(this.fallbackCauses).singleElement().isInstanceOf(CircuitOpenException.class);
				assertThat(registry(context).find("quotes").counts().get(CallOutcome.REJECTED)).isEqualTo(1);
			});
	}

	@Test
	void aFluxThatFailsBeforeItsFirstElementIsRetried() {
		this.server.thenReply(503);
		this.runner.run((context) -> {
			Flux<String> quotes = this.webClient.get().uri("/quotes").retrieve().bodyToFlux(String.class);
			List<String> received = breaker(context, "quotes").run(quotes, this::staleStream)
				.collectList()
				.block(LONG_ENOUGH);
			assertThat(received).containsExactly(QUOTE);
			assertThat(this.server.received()).hasSize(2);
			assertThat(registry(context).find("quotes").counts().get(CallOutcome.RECOVERED)).isEqualTo(1);
		});
	}

	@Test
	void aFluxThatEmittedAndThenFailedIsNotRetriedAndItsFailureGoesToTheFallback() {
		AtomicInteger subscriptions = new AtomicInteger();
		Flux<String> stream = Flux.defer(() -> {
			subscriptions.incrementAndGet();
			return Flux.concat(Flux.just("first"), Flux.error(new IOException("reset")));
		});
		this.runner.run((context) -> {
			List<String> received = breaker(context, "quotes").run(stream, this::staleStream)
				.collectList()
				.block(LONG_ENOUGH);
			assertThat(received).containsExactly("first", "stale");
			assertThat(subscriptions).hasValue(1);
			assertThat(this.fallbackCauses).singleElement().isInstanceOf(IOException.class);
			assertThat(registry(context).find("quotes").counts().get(CallOutcome.ABORTED)).isEqualTo(1);
		});
	}

	@Test
	void anIdPastTheLimitOfUnconfiguredPoliciesGoesToTheFallbackWithoutSubscribing() {
		AtomicInteger subscriptions = new AtomicInteger();
		this.runner.withPropertyValues("resilience.max-unconfigured-policies=0").run((context) -> {
			Mono<String> counted = quote().doOnSubscribe((subscription) -> subscriptions.incrementAndGet());
			String quote = breaker(context, "quotes-" + 42).run(counted, this::stale).block(LONG_ENOUGH);
			assertThat(quote).isEqualTo("stale");
			assertThat(subscriptions).hasValue(0);
			assertThat(this.fallbackCauses).singleElement(InstanceOfAssertFactories.THROWABLE)
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("resilience.max-unconfigured-policies=0");
			assertThat(registry(context).find("quotes-42")).isNull();
		});
	}

	@Test
	void aGroupThatIsAConfiguredPolicyIsUsedWhenTheIdIsNot() {
		this.server.otherwiseReply(503);
		this.runner.withPropertyValues("resilience.policies.quotes.retry.max-attempts=2").run((context) -> {
			ReactiveCircuitBreakerFactory<?, ?> factory = context.getBean(ReactiveCircuitBreakerFactory.class);
			String quote = factory.create("quote-stream", "quotes").run(quote(), this::stale).block(LONG_ENOUGH);
			assertThat(quote).isEqualTo("stale");
			assertThat(this.server.received()).hasSize(2);
			assertThat(registry(context).find("quotes").counts().get(CallOutcome.EXHAUSTED)).isEqualTo(1);
			assertThat(registry(context).find("quote-stream")).isNull();
		});
	}

	@Test
	void aConfiguredIdWinsOverItsGroup() {
		this.server.otherwiseReply(503);
		this.runner
			.withPropertyValues("resilience.policies.quotes.retry.max-attempts=2",
					"resilience.policies.quote-stream.retry.max-attempts=1")
			.run((context) -> {
				ReactiveCircuitBreakerFactory<?, ?> factory = context.getBean(ReactiveCircuitBreakerFactory.class);
				String quote = factory.create("quote-stream", "quotes").run(quote(), this::stale).block(LONG_ENOUGH);
				assertThat(quote).isEqualTo("stale");
				assertThat(this.server.received()).hasSize(1);
				assertThat(registry(context).find("quote-stream").counts().get(CallOutcome.EXHAUSTED)).isEqualTo(1);
				assertThat(registry(context).find("quotes").counts().get(CallOutcome.EXHAUSTED)).isZero();
			});
	}

	@Test
	void customizersOfTheReactiveFactoryPointIdsAtPolicies() {
		this.server.otherwiseReply(503);
		this.runner.withPropertyValues("resilience.policies.quotes.retry.max-attempts=2")
			.withUserConfiguration(Customized.class)
			.run((context) -> {
				String quote = breaker(context, "quote-stream").run(quote(), this::stale).block(LONG_ENOUGH);
				assertThat(quote).isEqualTo("stale");
				assertThat(this.server.received()).hasSize(2);
				assertThat(registry(context).find("quotes").counts().get(CallOutcome.EXHAUSTED)).isEqualTo(1);
				assertThat(registry(context).find("quote-stream")).isNull();
			});
	}

	@Test
	void theReactiveFactoryIsTheStartersUnlessTheApplicationDeclaresOne() {
		this.runner.run((context) -> assertThat(context).getBean(ReactiveCircuitBreakerFactory.class)
			.isInstanceOf(ResilienceReactiveCircuitBreakerFactory.class));
		this.runner.withBean(PassThroughReactiveFactory.class).run((context) -> {
			assertThat(context).getBean(ReactiveCircuitBreakerFactory.class)
				.isInstanceOf(PassThroughReactiveFactory.class);
			assertThat(context).doesNotHaveBean(ResilienceReactiveCircuitBreakerFactory.class);
			assertThat(context).getBean(CircuitBreakerFactory.class)
				.isInstanceOf(ResilienceCircuitBreakerFactory.class);
		});
	}

	private Mono<String> quote() {
		return this.webClient.get().uri("/quotes/ACME").retrieve().bodyToMono(String.class);
	}

	private Mono<String> stale(Throwable cause) {
		this.fallbackCauses.add(cause);
		return Mono.just("stale");
	}

	private Flux<String> staleStream(Throwable cause) {
		this.fallbackCauses.add(cause);
		return Flux.just("stale");
	}

	private static ReactiveCircuitBreaker breaker(AssertableApplicationContext context, String id) {
		return context.getBean(ReactiveCircuitBreakerFactory.class).create(id);
	}

	private static PolicyRegistry registry(AssertableApplicationContext context) {
		return context.getBean(PolicyRegistry.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class Customized {

		@Bean
		Customizer<ResilienceReactiveCircuitBreakerFactory> quoteStreams() {
			return (factory) -> factory.configure((policy) -> policy.name("quotes"), "quote-stream");
		}

	}

}
