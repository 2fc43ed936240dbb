package dev.resilience.autoconfigure;

import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

import dev.resilience.http.PolicyHttpServiceGroups;
import dev.resilience.http.PolicyRestClients;
import dev.resilience.policy.HttpSettings;
import dev.resilience.policy.PolicyExecutor;
import dev.resilience.policy.PolicyRegistry;

/**
 * HTTP clients per policy ({@code Resilience#restClient}), when Spring Boot's HTTP client support
 * is present. Request factories come from the application's {@code ClientHttpRequestFactoryBuilder}
 * and {@code HttpClientSettings} (its client library, SSL and redirects), with the policy's
 * timeouts; everything is resolved on first use, so auto-configuration order does not matter.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ClientHttpRequestFactoryBuilder.class)
class HttpClientsConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PolicyRestClients resiliencePolicyRestClients(PolicyRegistry registry, PolicyExecutor executor,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> clientSettings, ResourceLoader resourceLoader) {
		Function<HttpSettings, ClientHttpRequestFactory> requestFactories = (http) -> requestFactoryBuilder
			.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader()))
			.build(clientSettings.getIfAvailable(HttpClientSettings::defaults)
				.withTimeouts(http.connectTimeout(), http.readTimeout()));
		return new PolicyRestClients(registry, executor, restClientBuilder::getIfAvailable, requestFactories);
	}

	/** HTTP service client groups named after a configured policy (Spring Framework 7). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
	static class HttpServiceGroupsConfiguration {

		@Bean
		PolicyHttpServiceGroups resiliencePolicyHttpServiceGroups(PolicyRestClients restClients) {
			return new PolicyHttpServiceGroups(restClients);
		}

	}

}
