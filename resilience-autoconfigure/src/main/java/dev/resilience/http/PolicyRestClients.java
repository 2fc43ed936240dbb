package dev.resilience.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import dev.resilience.policy.HttpSettings;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyExecutor;
import dev.resilience.policy.PolicyRegistry;

/**
 * Builds {@link RestClient.Builder}s whose requests carry a policy's timeouts and go through the
 * policy. Request factories are shared between policies with equal timeouts, so that repeated
 * calls do not each open a new connection pool. Thread-safe.
 */
public final class PolicyRestClients {

	private final PolicyRegistry registry;

	private final PolicyExecutor executor;

	private final Supplier<RestClient.Builder> builders;

	private final Function<HttpSettings, ClientHttpRequestFactory> requestFactories;

	private final Map<HttpSettings, ClientHttpRequestFactory> built = new ConcurrentHashMap<>();

	/**
	 * @param builders the application's {@code RestClient.Builder} (customizers applied), or
	 * {@code null} when there is none
	 * @param requestFactories a request factory with the given timeouts
	 */
	public PolicyRestClients(PolicyRegistry registry, PolicyExecutor executor, Supplier<RestClient.Builder> builders,
			Function<HttpSettings, ClientHttpRequestFactory> requestFactories) {
		this.registry = registry;
		this.executor = executor;
		this.builders = builders;
		this.requestFactories = requestFactories;
	}

	/**
	 * A new builder for {@code policy}, whose interceptor is appended last: interceptors added to
	 * the returned builder afterwards run once per attempt.
	 * @throws IllegalStateException if the application has no {@code RestClient.Builder}
	 */
	public RestClient.Builder builder(String policyName) {
		RestClient.Builder builder = this.builders.get();
		if (builder == null) {
			throw missingBuilder(policyName);
		}
		return apply(policyName, builder.clone());
	}

	/**
	 * Gives {@code builder} the policy's timeouts (replacing its request factory) and appends the
	 * interceptor that sends each request through the policy.
	 * @return {@code builder}
	 */
	public RestClient.Builder apply(String policyName, RestClient.Builder builder) {
		Policy policy = this.registry.useAtRunTime(policyName);
		policy.markClientsBuilt();
		ClientHttpRequestFactory requestFactory = this.built.computeIfAbsent(policy.settings().http(),
				this.requestFactories);
		return builder.requestFactory(requestFactory)
			.requestInterceptor(new PolicyRequestInterceptor(policy, this.executor));
	}

	/** Whether {@code name} is configured under {@code resilience.policies}. */
	public boolean isConfigured(String name) {
		Policy policy = this.registry.find(name);
		return policy != null && policy.configured();
	}

	/** The failure of {@code restClient(policy)} in an application without Boot's RestClient support. */
	public static IllegalStateException missingBuilder(String policyName) {
		return new IllegalStateException("Resilience.restClient(\"" + policyName
				+ "\") needs Spring Boot's auto-configured RestClient.Builder: add the dependency "
				+ "org.springframework.boot:spring-boot-starter-restclient");
	}

}
