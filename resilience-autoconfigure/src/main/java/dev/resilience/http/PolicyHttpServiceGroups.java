package dev.resilience.http;

import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;

/**
 * Spring's HTTP service client groups ({@code @ImportHttpServices(group = "quotes", ...)}) whose
 * name is a configured policy: their clients get the policy's timeouts and send every request
 * through it, as {@code Resilience#restClient} does. Runs after Spring Boot's group configurers
 * (its {@code spring.http.serviceclient.<group>} properties and the application's
 * {@code RestClientCustomizer}s), so the policy's timeouts win and the interceptors those add run
 * once per call, outside the policy's attempts.
 */
public final class PolicyHttpServiceGroups implements RestClientHttpServiceGroupConfigurer {

	private final PolicyRestClients restClients;

	public PolicyHttpServiceGroups(PolicyRestClients restClients) {
		this.restClients = restClients;
	}

	@Override
	public void configureGroups(HttpServiceGroupConfigurer.Groups<RestClient.Builder> groups) {
		HttpServiceGroupConfigurer.ClientCallback<RestClient.Builder> apply = (group, builder) -> this.restClients
			.apply(group.name(), builder);
		groups.filter((group) -> this.restClients.isConfigured(group.name())).forEachClient(apply);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

}
