package dev.resilience.cloud;

import java.util.Map;

import feign.FeignException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.context.environment.EnvironmentManager;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.resilience.CircuitOpenException;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spring Cloud OpenFeign client with {@code spring.cloud.openfeign.circuitbreaker.enabled}
 * against a real server: its calls run through the starter's policies.
 */
class FeignCircuitBreakerTests {

	/**
	 * The circuit breaker id of {@code QuoteClient.quote(String)}: Feign's config key
	 * {@code QuoteClient#quote(String)} with everything but letters and digits removed, as
	 * {@code spring.cloud.openfeign.circuitbreaker.alphanumeric-ids.enabled} (default {@code true})
	 * does.
	 */
	static final String FEIGN_ID = "QuoteClientquoteString";

	private QuoteServer server;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void startServer() throws Exception {
		this.server = QuoteServer.start();
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.server.close();
	}

	@Test
	void feignCallsRunThroughThePolicyNamedByTheirMethodIdOnTheDefaults() {
		this.server.thenReply(503).thenReply(503);
		start(FeignApp.class);
		Quote quote = this.context.getBean(QuoteClient.class).quote("ACME");
		assertThat(quote).isEqualTo(new Quote("ACME", 42.5));
		assertThat(this.server.received()).hasSize(3);
		Policy policy = registry().find(FEIGN_ID);
		assertThat(policy).isNotNull();
		assertThat(policy.counts().get(CallOutcome.RECOVERED)).isEqualTo(1);
		assertThat(this.context.getBean(NoWaits.class).waits()).hasSize(2);
	}

	@Test
	void withGroupsEnabledTheFeignClientNameChoosesAConfiguredPolicy() {
		this.server.otherwiseReply(503);
		start(FeignApp.class, "spring.cloud.openfeign.circuitbreaker.group.enabled=true",
				"resilience.policies.quotes.retry.max-attempts=2");
		Quote quote = this.context.getBean(QuoteClient.class).quote("ACME");
		assertThat(quote).isEqualTo(QuoteFallbacks.STALE);
		assertThat(this.server.received()).hasSize(2);
		assertThat(registry().find("quotes").counts().get(CallOutcome.EXHAUSTED)).isEqualTo(1);
		assertThat(registry().find(FEIGN_ID)).isNull();
		assertThat(this.context.getBean(QuoteFallbacks.class).causes()).singleElement()
			.isInstanceOf(FeignException.ServiceUnavailable.class);
	}

	@Test
	void aClientErrorIsNotRetriedAndGoesToTheFallback() {
		this.server.otherwiseReply(400);
		start(FeignApp.class);
		Quote quote = this.context.getBean(QuoteClient.class).quote("ACME");
		assertThat(quote).isEqualTo(QuoteFallbacks.STALE);
		assertThat(this.server.received()).hasSize(1);
		assertThat(registry().find(FEIGN_ID).counts().get(CallOutcome.ABORTED)).isEqualTo(1);
		assertThat(this.context.getBean(QuoteFallbacks.class).causes()).singleElement()
			.isInstanceOf(FeignException.BadRequest.class);
	}

	@Test
	void aRetryAfterFromTheServerSetsTheWait() {
		this.server.thenReply(503, "", Map.of("Retry-After", "2"));
		start(FeignApp.class);
		assertThat(this.context.getBean(QuoteClient.class).quote("ACME")).isEqualTo(new Quote("ACME", 42.5));
		assertThat(this.context.getBean(NoWaits.class).waits()).containsExactly(2000L);
	}

	@Test
	void customizersOfTheFactoryPointIdsAtPolicies() {
		this.server.thenReply(503);
		start(new Class<?>[] { FeignApp.class, Customized.class }, "resilience.policies.quotes.retry.max-attempts=2");
		assertThat(this.context.getBean(QuoteClient.class).quote("ACME")).isEqualTo(new Quote("ACME", 42.5));
		assertThat(registry().find("quotes").counts().get(CallOutcome.RECOVERED)).isEqualTo(1);
		assertThat(registry().find(FEIGN_ID)).isNull();
	}

	@Test
	void aFeignClientsPolicyForcedOpenThroughLiveConfigurationSendsNothingAndFallsBack() {
		start(FeignApp.class, "spring.cloud.openfeign.circuitbreaker.group.enabled=true",
				"resilience.policies.quotes.retry.max-attempts=2");
		EnvironmentManager environment = this.context.getBean(EnvironmentManager.class);
		environment.setProperty("resilience.policies.quotes.circuit-breaker.forced-state", "forced-open");
		assertThat(this.context.getBean(QuoteClient.class).quote("ACME")).isEqualTo(QuoteFallbacks.STALE);
		assertThat(this.server.received()).isEmpty();
		assertThat(this.context.getBean(QuoteFallbacks.class).causes()).singleElement()
			.isInstanceOf(CircuitOpenException.class);
		environment.setProperty("resilience.policies.quotes.circuit-breaker.forced-state", "none");
		assertThat(this.context.getBean(QuoteClient.class).quote("ACME")).isEqualTo(new Quote("ACME", 42.5));
		assertThat(this.server.received()).hasSize(1);
	}

	@Test
	void theFactoryIsTheStartersUnlessTheApplicationDeclaresOne() {
		start(FeignApp.class);
		assertThat(this.context.getBean(CircuitBreakerFactory.class)).isInstanceOf(ResilienceCircuitBreakerFactory.class);
		this.context.close();
		start(new Class<?>[] { FeignApp.class, OwnFactory.class });
		assertThat(this.context.getBean(CircuitBreakerFactory.class)).isInstanceOf(PassThroughFactory.class);
		assertThat(this.context.getBeansOfType(ResilienceCircuitBreakerFactory.class)).isEmpty();
	}

	private PolicyRegistry registry() {
		return this.context.getBean(PolicyRegistry.class);
	}

	private void start(Class<?> app, String... properties) {
		start(new Class<?>[] { app }, properties);
	}

	private void start(Class<?>[] sources, String... properties) {
		this.context = new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties("quotes.url=" + this.server.url(), "spring.cloud.openfeign.circuitbreaker.enabled=true",
					"resilience.defaults.retry.backoff.initial-interval=10ms", "resilience.defaults.retry.backoff.jitter=0")
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableFeignClients(clients = QuoteClient.class)
	static class FeignApp {

		@Bean
		NoWaits sleeper() {
			return new NoWaits();
		}

		@Bean
		QuoteFallbacks quoteFallbacks() {
			return new QuoteFallbacks();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Customized {

		@Bean
		Customizer<ResilienceCircuitBreakerFactory> quotesPolicy() {
			return (factory) -> factory.configure((policy) -> policy.name("quotes"), FEIGN_ID);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFactory {

		@Bean
		PassThroughFactory passThroughFactory() {
			return new PassThroughFactory();
		}

	}

}
