package dev.resilience.sample.interfaceclient;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;

import dev.resilience.sample.downstream.MisbehavingServer;

/**
 * Registers {@link QuoteService} in the HTTP service group {@code quote-service}, which the
 * starter puts under the policy of the same name.
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "quote-service", types = QuoteService.class)
public class QuoteServiceConfiguration {

	/**
	 * The sample's quote server listens on a random port, so its address is set here; an
	 * application with a fixed address writes {@code spring.http.serviceclient.quote-service.base-url}
	 * instead.
	 */
	@Bean
	RestClientHttpServiceGroupConfigurer quoteServiceAddress(@Qualifier("quoteServer") MisbehavingServer server) {
		return (groups) -> groups.filterByName("quote-service")
			.forEachGroup((group, clientBuilder, proxyFactoryBuilder) -> clientBuilder
				.baseUrl(server.uri("").toString()));
	}

}
