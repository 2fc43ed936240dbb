package dev.resilience.aot;

import java.lang.reflect.Method;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.env.MapPropertySource;
import org.springframework.javapoet.ClassName;
import org.springframework.util.ReflectionUtils;

import dev.resilience.Permanent;
import dev.resilience.Resilient;
import dev.resilience.Transient;
import dev.resilience.actuate.ResilienceEndpoint;
import dev.resilience.autoconfigure.PolicyProperties;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceEndpointAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceProperties;
import dev.resilience.autoconfigure.RetryProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processes an application that uses the starter ahead of time, as Spring Boot's
 * {@code process-aot} does, and checks that the runtime hints cover what the starter reaches by
 * reflection. The starter's hints come from {@code META-INF/spring/aot.factories}, so this also
 * proves that they are registered; the properties and the endpoint are covered by Boot's own
 * processing, checked here so that a change that leaves them uncovered fails.
 */
class RuntimeHintsTests {

	private static RuntimeHints hints;

	@BeforeAll
	static void processAheadOfTime() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("test",
						Map.of("management.endpoints.web.exposure.include", "resilience",
								"resilience.policies.quotes.retry.max-attempts", "4")));
			context.register(QuoteApplication.class);
			DefaultGenerationContext generationContext = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(RuntimeHintsTests.class.getPackageName(), "QuoteApplication")),
					new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
			hints = generationContext.getRuntimeHints();
		}
	}

	@Test
	void registersFallbackMethodsForInvocation() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method("lastKnown", String.class)))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(method("lastKnownOrFailure", String.class, Throwable.class))).accepts(hints);
	}

	@Test
	void registersFallbacksNamedByATypeLevelAnnotation() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ReflectionUtils.findMethod(TypeLevelClient.class, "none"))).accepts(hints);
	}

	@Test
	void doesNotRegisterMethodsThatNoFallbackNames() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method("latest", String.class)))
			.rejects(hints);
	}

	@Test
	void letsTheAnnotationsBeReadAndSynthesized() {
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Resilient.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Resilient.class, "fallback"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Permanent.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Transient.class)).accepts(hints);
	}

	/**
	 * Each policy is bound again at run time onto a fresh {@code PolicyProperties}; Boot's
	 * processing of the {@code ResilienceProperties} bean reaches it through the policies map.
	 */
	@Test
	void letsEveryPolicyBeBoundOntoItsProperties() {
		assertThat(RuntimeHintsPredicates.reflection().onType(ResilienceProperties.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(PolicyProperties.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RetryProperties.class, "setMaxAttempts"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(RetryProperties.Backoff.class, "setInitialInterval")).accepts(hints);
	}

	@Test
	void letsTheClassifierFindTheExceptionTypesItLooksUpByName() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("org.springframework.web.client.RestClientResponseException"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("java.net.http.WebSocketHandshakeException"))).accepts(hints);
	}

	/** The endpoint answers with maps of JDK types: its operations are all it needs (Boot's). */
	@Test
	void letsTheEndpointOperationsBeInvoked() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ResilienceEndpoint.class, "policies"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ResilienceEndpoint.class, "change"))
			.accepts(hints);
	}

	private static Method method(String name, Class<?>... parameterTypes) {
		return ReflectionUtils.findMethod(QuoteClient.class, name, parameterTypes);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ResilienceAutoConfiguration.class, ResilienceEndpointAutoConfiguration.class })
	static class QuoteApplication {

		@Bean
		QuoteClient quoteClient() {
			return new QuoteClient();
		}

		@Bean
		TypeLevelClient typeLevelClient() {
			return new TypeLevelClient();
		}

	}

	static class QuoteClient {

		@Resilient(value = "quotes", fallback = "lastKnown")
		public String latest(String symbol) {
			return symbol;
		}

		@Resilient(value = "quotes", fallback = "lastKnownOrFailure")
		public String latestOrFailure(String symbol) {
			return symbol;
		}

		String lastKnown(String symbol) {
			return "stale " + symbol;
		}

		private String lastKnownOrFailure(String symbol, Throwable failure) {
			return "stale " + symbol;
		}

	}

	@Resilient(value = "flags", fallback = "none")
	static class TypeLevelClient {

		public String flag() {
			return "on";
		}

		String none() {
			return "off";
		}

	}

}
