package dev.resilience.autoconfigure;

import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import dev.resilience.http.PolicyWebClients;
import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.HttpSettings;
import dev.resilience.policy.PolicyRegistry;

/**
 * Reactive HTTP clients per policy ({@code Resilience#webClient}), when Spring WebFlux and Spring
 * Boot's HTTP client support are present. Connectors come from the application's
 * {@code ClientHttpConnectorBuilder} (else the one Boot detects on the class path) and
 * {@code HttpClientSettings}, with the policy's timeouts: the starter assumes no connector library.
 * Everything is resolved on first use, so auto-configuration order does not matter.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
class WebClientsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PolicyWebClients resiliencePolicyWebClients(PolicyRegistry registry, AsyncPolicyExecutor executor,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> clientSettings, ResourceLoader resourceLoader) {
		Function<HttpSettings, ClientHttpConnector> connectors = (http) -> connectorBuilder
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()))
			.build(clientSettings.getIfAvailable(HttpClientSettings::defaults)
				.withTimeouts(http.connectTimeout(), http.readTimeout()));
		return new PolicyWebClients(registry, executor, webClientBuilder::getIfAvailable, connectors);
	}

}
