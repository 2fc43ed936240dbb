package dev.resilience.actuate;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exposing the endpoint without opting in to writes: everything can be read, nothing can be
 * changed, whatever is posted.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=resilience",
				"resilience.policies.catalog.retry.max-attempts=4" })
class EndpointAccessTests {

	@LocalServerPort
	private int port;

	@Autowired
	private PolicyRegistry registry;

	private ActuatorClient client;

	@BeforeEach
	void client() {
		this.client = new ActuatorClient(this.port);
	}

	@Test
	void readsAreAnsweredByDefault() {
		assertThat(this.client.get("resilience").statusCode()).isEqualTo(200);
		assertThat(this.client.get("resilience/catalog").statusCode()).isEqualTo(200);
	}

	@Test
	void postsChangeNothingUnlessAccessIsUnrestricted() {
		HttpResponse<String> forced = this.client.post("resilience/catalog", "{\"state\": \"FORCED_OPEN\"}");
		HttpResponse<String> changed = this.client.post("resilience/catalog",
				"{\"key\": \"retry.max-attempts\", \"value\": \"9\"}");
		assertThat(forced.statusCode()).isNotEqualTo(200).isBetween(400, 499);
		assertThat(changed.statusCode()).isNotEqualTo(200).isBetween(400, 499);
		assertThat(this.registry.find("catalog").circuitBreaker().state()).isEqualTo(CircuitState.CLOSED);
		assertThat(this.registry.find("catalog").settings().retry().maxAttempts()).isEqualTo(4);
	}

}
