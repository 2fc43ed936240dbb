package dev.resilience.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.actuate.ResilienceEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceEndpointAutoConfiguration.class));

	@Test
	void providesTheEndpointWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=resilience")
			.run((context) -> assertThat(context).hasSingleBean(ResilienceEndpoint.class));
	}

	@Test
	void backsOffWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ResilienceEndpoint.class));
	}

	@Test
	void backsOffWhenAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=resilience",
					"management.endpoint.resilience.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceEndpoint.class));
	}

	@Test
	void backsOffWithoutTheActuator() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=resilience")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ResilienceEndpoint.class));
	}

	@Test
	void backsOffWhenTheStarterIsSwitchedOff() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=resilience", "resilience.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ResilienceEndpoint.class));
	}

}
