package dev.resilience.autoconfigure;

import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import dev.resilience.http.PolicyWebClients;
import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.CallTracing;
import dev.resilience.policy.HttpSettings;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.tracing.ObservedExchangeFilter;

/**
 * Reactive HTTP clients per policy ({@code Resilience#webClient}), when Spring WebFlux and Spring
 * Boot's HTTP client support are present. Connectors come from the application's
 * {@code ClientHttpConnectorBuilder} (else the one Boot detects on the class path) and
 * {@code HttpClientSettings}, with the policy's timeouts: the starter assumes no connector library.
 * Everything is resolved on first use, so auto-configuration order does not matter. When calls are
 * traced, each physical request is observed inside the policy's retries instead of each exchange
 * around them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
class WebClientsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PolicyWebClients resiliencePolicyWebClients(PolicyRegistry registry, AsyncPolicyExecutor executor,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> clientSettings, ResourceLoader resourceLoader,
			ObjectProvider<CallTracing> tracing, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<ClientRequestObservationConvention> conventions) {
		Function<HttpSettings, ClientHttpConnector> connectors = (http) -> connectorBuilder
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()))
			.build(clientSettings.getIfAvailable(HttpClientSettings::defaults)
				.withTimeouts(http.connectTimeout(), http.readTimeout()));
		ExchangeFilterFunction observed = null;
		ObservationRegistry observationRegistry = observations.getIfUnique();
		if (tracing.getIfAvailable(() -> CallTracing.NONE) != CallTracing.NONE && observationRegistry != null) {
			observed = new ObservedExchangeFilter(observationRegistry, conventions.getIfUnique());
		}
		return new PolicyWebClients(registry, executor, webClientBuilder::getIfAvailable, connectors, observed);
	}

}
