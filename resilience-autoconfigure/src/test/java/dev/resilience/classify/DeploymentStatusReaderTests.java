package dev.resilience.classify;

import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentStatusReaderTests {

	private final DeploymentStatusReader reader = new DeploymentStatusReader();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"Failed to handle HTTP response code [401]. Missing [WWW-Authenticate] header in response | 401",
			"Failed to handle HTTP response code [401]. [Authorization] header was not accepted by server. | 401",
			"The HTTP response from the server [403] did not permit the HTTP upgrade to WebSocket | 403",
			"The HTTP upgrade to WebSocket failed but partial data may have been received: "
					+ "Status Code [503], HTTP headers [{}] | 503",
			"Failed to connect to the configured Proxy [proxy:3128]. The HTTP response code was [407] | 407" })
	void readsTheStatusFromTomcatsMessages(String message, int code) {
		assertThat(this.reader.read(new DeploymentException(message))).isEqualTo(ResponseStatus.handshake(code, null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "The scheme [http] is not supported. The supported schemes are ws and wss",
			"Cannot use POJO class [com.acme.Endpoint] as it is not annotated with @ClientEndpoint" })
	void readsNothingFromOtherDeploymentFailures(String message) {
		assertThat(this.reader.read(new DeploymentException(message))).isNull();
	}

	@Test
	void readsNothingFromAMessagelessDeploymentException() {
		assertThat(this.reader.read(new DeploymentException(null))).isNull();
	}

	@Test
	void readsNothingFromOtherTypesWithTheSameMessage() {
		assertThat(this.reader.read(new IllegalStateException("Failed to handle HTTP response code [401]."))).isNull();
	}

}
