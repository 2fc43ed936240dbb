package dev.resilience.actuate;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import dev.resilience.Resilience;
import dev.resilience.Supervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * No log line (DEBUG included), actuator answer, health detail or meter tag carries a response
 * body, a header value, a URL's query string or its user-info: a real server answers 401 and 503
 * with marker strings in bodies and headers, requests carry markers in query strings and
 * user-info, and every output is searched for them.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=resilience,health",
				"management.endpoint.health.show-details=always", "logging.level.dev.resilience=debug",
				"resilience.logging.repeat-interval=1ms", "resilience.policies.secrets.retry.max-attempts=2",
				"resilience.policies.secrets.http.read-timeout=2s" })
class SecretsTests {

	private static final List<String> MARKERS = List.of("body-marker", "header-marker", "query-marker",
			"user-marker", "password-marker");

	@LocalServerPort
	private int port;

	@Autowired
	private Resilience resilience;

	@Autowired
	private MeterRegistry meters;

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/unauthorized", (exchange) -> answer(exchange, 401));
		this.server.createContext("/unavailable", (exchange) -> answer(exchange, 503));
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void noOutputCarriesABodyAHeaderAQueryOrUserInfo(CapturedOutput output) throws Exception {
		String base = "http://127.0.0.1:" + this.server.getAddress().getPort();
		String secretQuery = "?token=query-marker&user=user-marker";
		String refused = "http://user-marker:password-marker@127.0.0.1:" + closedPort() + "/feed" + secretQuery;
		RestClient policyClient = this.resilience.restClient("secrets").build();
		RestClient plainClient = RestClient.create();

		// through the policy's own client: 503 retried then exhausted, 401 aborted at once
		for (String path : List.of("/unavailable", "/unauthorized")) {
			assertThatException().isThrownBy(() -> policyClient.get().uri(base + path + secretQuery).retrieve()
				.body(String.class));
		}
		// a programmatic call: a status exception, one wrapped by the application, a refused connection
		assertThatException().isThrownBy(() -> this.resilience.call("secrets",
				() -> plainClient.get().uri(base + "/unavailable" + secretQuery).retrieve().body(String.class)));
		assertThatException().isThrownBy(() -> this.resilience.call("secrets", () -> {
			try {
				return plainClient.get().uri(base + "/unauthorized" + secretQuery).retrieve().body(String.class);
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException(ex);
			}
		}));
		assertThatException().isThrownBy(() -> this.resilience.call("secrets",
				() -> plainClient.get().uri(refused.replace("user-marker:password-marker@", "")).retrieve()
					.body(String.class)));
		assertThatException().isThrownBy(() -> this.resilience.call("secrets", () -> {
			throw new IOException("could not reach " + refused);
		}));

		// supervised connections: a rejected handshake-like 401, a refused connection, a wrapped 503
		List<Supervised> supervised = new ArrayList<>();
		supervised.add(this.resilience.supervise("secret-401", "secrets",
				(context) -> plainClient.get().uri(base + "/unauthorized" + secretQuery).retrieve().body(String.class)));
		supervised.add(this.resilience.supervise("secret-refused", "secrets", (context) -> {
			throw new IOException("stream " + refused + " refused");
		}));
		supervised.add(this.resilience.supervise("secret-503", "secrets", (context) -> {
			try {
				plainClient.get().uri(base + "/unavailable" + secretQuery).retrieve().body(String.class);
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("stream failed", ex);
			}
		}));
		for (Supervised connection : supervised) {
			assertThat(connection.awaitStopped(Duration.ofSeconds(10))).isTrue();
			assertThat(connection.state()).isEqualTo(Supervised.State.FAILED);
		}

		ActuatorClient actuator = new ActuatorClient(this.port);
		List<String> answers = new ArrayList<>();
		for (String path : List.of("resilience", "resilience/secrets", "resilience/secrets/events", "health",
				"health/resilience")) {
			answers.add(actuator.get(path).body());
		}
		assertThat(answers.get(0)).contains("secret-401", "secret-refused", "secret-503")
			.contains("Unauthorized (HTTP 401)")
			.contains("http://127.0.0.1:" + closedPort(refused) + "/feed");
		List<String> tags = new ArrayList<>();
		// the starter's meters (Boot's own http.client.requests tags the URI as the caller wrote it)
		for (Meter meter : this.meters.getMeters()) {
			if (meter.getId().getName().startsWith("resilience.")) {
				meter.getId().getTags().forEach((tag) -> tags.add(tag.getValue()));
			}
		}
		assertThat(tags).contains("secrets", "secret-401");
		assertThat(output.getAll()).contains("Policy 'secrets' exhausted").contains("attempt 1/2");
		for (String marker : MARKERS) {
			assertThat(output.getAll()).as("log output").doesNotContainIgnoringCase(marker);
			assertThat(answers).as("actuator answers").allSatisfy(
					(answer) -> assertThat(answer).doesNotContainIgnoringCase(marker));
			assertThat(tags).as("meter tags").noneSatisfy((tag) -> assertThat(tag).containsIgnoringCase(marker));
		}
	}

	private static void answer(HttpExchange exchange, int status) throws IOException {
		exchange.getRequestBody().readAllBytes();
		exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"header-marker\"");
		exchange.getResponseHeaders().add("X-Debug", "header-marker");
		byte[] body = ("{\"error\": \"body-marker\", \"status\": " + status + "}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private int closedPort;

	private int closedPort() throws IOException {
		if (this.closedPort == 0) {
			try (ServerSocket socket = new ServerSocket(0)) {
				this.closedPort = socket.getLocalPort();
			}
		}
		return this.closedPort;
	}

	private static int closedPort(String url) {
		return Integer.parseInt(url.replaceAll(".*@127\\.0\\.0\\.1:(\\d+)/.*", "$1"));
	}

}
