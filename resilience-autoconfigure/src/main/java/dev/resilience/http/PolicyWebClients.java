package dev.resilience.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.HttpSettings;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;

/**
 * Builds {@link WebClient.Builder}s whose requests carry a policy's timeouts and go through the
 * policy ({@code Resilience#webClient}). Connectors come from the application's connector builder,
 * whichever library it uses (Reactor Netty, the JDK {@code HttpClient}, Jetty, Apache), and are
 * shared between policies with equal timeouts. Loaded only when Spring WebFlux is present.
 * Thread-safe.
 */
public final class PolicyWebClients {

	private final PolicyRegistry registry;

	private final AsyncPolicyExecutor executor;

	private final Supplier<WebClient.Builder> builders;

	private final Function<HttpSettings, ClientHttpConnector> connectors;

	private final ExchangeFilterFunction observed;

	private final Map<HttpSettings, ClientHttpConnector> built = new ConcurrentHashMap<>();

	/**
	 * @param builders the application's {@code WebClient.Builder} (customizers applied), or
	 * {@code null} when there is none
	 * @param connectors a connector with the given timeouts
	 */
	public PolicyWebClients(PolicyRegistry registry, AsyncPolicyExecutor executor,
			Supplier<WebClient.Builder> builders, Function<HttpSettings, ClientHttpConnector> connectors) {
		this(registry, executor, builders, connectors, null);
	}

	/**
	 * @param observed a filter that observes each physical request (one HTTP client span per
	 * attempt), or {@code null}: then {@code WebClient} observes each exchange, retries included,
	 * as it does by default
	 */
	public PolicyWebClients(PolicyRegistry registry, AsyncPolicyExecutor executor,
			Supplier<WebClient.Builder> builders, Function<HttpSettings, ClientHttpConnector> connectors,
			ExchangeFilterFunction observed) {
		this.registry = registry;
		this.executor = executor;
		this.builders = builders;
		this.connectors = connectors;
		this.observed = observed;
	}

	/**
	 * A new builder for {@code policy}, whose filter is added last: filters added to the returned
	 * builder afterwards run once per attempt. When calls are traced, the filter that observes
	 * each physical request follows it.
	 * @throws IllegalStateException if the application has no {@code WebClient.Builder}
	 */
	public WebClient.Builder builder(String policyName) {
		WebClient.Builder builder = this.builders.get();
		if (builder == null) {
			throw missingBuilder(policyName);
		}
		Policy policy = this.registry.use(policyName);
		ClientHttpConnector connector = this.built.computeIfAbsent(policy.settings().http(), this.connectors);
		WebClient.Builder policyBuilder = builder.clone()
			.clientConnector(connector)
			.filter(new PolicyExchangeFilter(policy, this.executor));
		if (this.observed != null) {
			policyBuilder.filter(this.observed).observationRegistry(ObservationRegistry.NOOP);
		}
		return policyBuilder;
	}

	/** The failure of {@code webClient(policy)} in an application without Boot's WebClient support. */
	public static IllegalStateException missingBuilder(String policyName) {
		return new IllegalStateException("Resilience.webClient(\"" + policyName
				+ "\") needs Spring Boot's auto-configured WebClient.Builder: add the dependency "
				+ "org.springframework.boot:spring-boot-starter-webclient (or spring-boot-starter-webflux)");
	}

}
