package dev.resilience.actuate;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code resilience} health contributor through the real health endpoint. */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=resilience,health",
				"management.endpoint.health.show-details=always",
				"resilience.policies.inventory.retry.max-attempts=2" })
class ResilienceHealthIndicatorTests {

	@LocalServerPort
	private int port;

	@Autowired
	private PolicyRegistry registry;

	private ActuatorClient client;

	@BeforeEach
	void client() {
		this.client = new ActuatorClient(this.port);
	}

	@AfterEach
	void closeCircuit() {
		inventory().transitionTo(CircuitState.CLOSED);
	}

	@Test
	void showsEachPolicysCircuitState() {
		HttpResponse<String> response = this.client.get("health");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonContent<Object> json = this.client.json(response);
		assertThat(json).extractingJsonPathStringValue("$.components.resilience.status").isEqualTo("UP");
		assertThat(json).extractingJsonPathStringValue("$.components.resilience.details.inventory")
			.isEqualTo("closed");
		assertThat(json).extractingJsonPathStringValue("$.components.resilience.details.flaky").isEqualTo("closed");
	}

	@Test
	void openCircuitLeavesTheApplicationUpByDefault() {
		inventory().transitionTo(CircuitState.FORCED_OPEN);
		HttpResponse<String> response = this.client.get("health");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonContent<Object> json = this.client.json(response);
		assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("UP");
		assertThat(json).extractingJsonPathStringValue("$.components.resilience.status").isEqualTo("UP");
		assertThat(json).extractingJsonPathStringValue("$.components.resilience.details.inventory")
			.isEqualTo("forced_open");
	}

	private CircuitBreaker inventory() {
		return this.registry.find("inventory").circuitBreaker();
	}

	@Nested
	@TestPropertySource(properties = "resilience.health.open-circuit-status=down")
	class WhenOpenCircuitsAreDown {

		@Test
		void openCircuitReportsTheConfiguredStatus() {
			inventory().transitionTo(CircuitState.FORCED_OPEN);
			HttpResponse<String> response = ResilienceHealthIndicatorTests.this.client.get("health");
			assertThat(response.statusCode()).isEqualTo(503);
			JsonContent<Object> json = ResilienceHealthIndicatorTests.this.client.json(response);
			assertThat(json).extractingJsonPathStringValue("$.status").isEqualTo("DOWN");
			assertThat(json).extractingJsonPathStringValue("$.components.resilience.status").isEqualTo("DOWN");
		}

		@Test
		void closedCircuitsAreUp() {
			HttpResponse<String> response = ResilienceHealthIndicatorTests.this.client.get("health");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(ResilienceHealthIndicatorTests.this.client.json(response))
				.extractingJsonPathStringValue("$.components.resilience.status")
				.isEqualTo("UP");
		}

	}

}
