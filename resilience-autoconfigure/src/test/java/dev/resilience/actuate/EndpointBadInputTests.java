package dev.resilience.actuate;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad run-time input to the endpoint over HTTP: malformed or mistyped bodies, unknown states and
 * keys, every kind of invalid value. Each is refused (400, or 404 for an unknown policy) and
 * leaves the policy exactly as it was.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=resilience",
				"management.endpoint.resilience.access=unrestricted",
				"resilience.policies.catalog.retry.max-attempts=4",
				"resilience.policies.catalog.retry.backoff.jitter=0.25" })
class EndpointBadInputTests {

	@LocalServerPort
	private int port;

	private ActuatorClient client;

	private String before;

	@BeforeEach
	void rememberThePolicy() {
		this.client = new ActuatorClient(this.port);
		this.before = this.client.get("resilience/catalog").body();
		assertThat(this.before).contains("\"max-attempts\":4");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"state\": \"CLOSED\"", "not json at all", "[\"CLOSED\"]", "\"CLOSED\"",
			"{\"state\": {\"name\": \"CLOSED\"}}", "{\"state\": \"HALF_OPEN\"}", "{\"state\": \"OPEN\"}",
			"{\"state\": \"sideways\"}", "{\"state\": \"\"}", "{\"state\": null}", "{}",
			"{\"state\": \"FORCED_OPEN\", \"key\": \"retry.max-attempts\", \"value\": \"5\"}",
			"{\"value\": \"5\"}", "{\"key\": \"retry.max-attempts\"}", "{\"key\": \"retry.max-attempts\", \"value\": null}" })
	void malformedOrContradictoryBodyIsABadRequestAndChangesNothing(String body) {
		assertThat(this.client.post("resilience/catalog", body).statusCode()).as(body).isEqualTo(400);
		assertUnchanged();
	}

	static Stream<Arguments> invalidSettings() {
		return Stream.of(Arguments.of("retry.max-atempts", "5"), Arguments.of("", "5"), Arguments.of("retry", "5"),
				Arguments.of("retry.backoff", "1s"), Arguments.of("circuit-breaker.failure-rate-threshold", "10"),
				Arguments.of("enabled", "false"), Arguments.of("retry.max-attempts", "abc"),
				Arguments.of("retry.max-attempts", ""), Arguments.of("retry.max-attempts", "0"),
				Arguments.of("retry.max-attempts", "99999999999"), Arguments.of("retry.backoff.jitter", "lots"),
				Arguments.of("retry.backoff.jitter", "1.5"), Arguments.of("retry.backoff.jitter", "NaN"),
				Arguments.of("retry.backoff.multiplier", "0.5"), Arguments.of("retry.backoff.initial-interval", "soon"),
				Arguments.of("retry.backoff.initial-interval", "-1s"),
				Arguments.of("retry.backoff.initial-interval", "1m"), Arguments.of("retry.backoff.max-interval", "0s"),
				Arguments.of("retry.backoff.immediate-first-retry", "perhaps"),
				Arguments.of("retry.max-elapsed-time", "-5s"), Arguments.of("retry.max-retry-after", "forever"),
				Arguments.of("retry.backoff.policy-bean", "noSuchBean"),
				Arguments.of("retry.backoff.policy-bean", "resilience"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("invalidSettings")
	void invalidSettingIsABadRequestNamingTheKeyAndChangesNothing(String key, String value) {
		HttpResponse<String> response = this.client.post("resilience/catalog",
				"{\"key\": \"" + key + "\", \"value\": \"" + value + "\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.client.json(response)).extractingJsonPathStringValue("$.key")
			.isEqualTo("resilience.policies.catalog." + key);
		assertThat(this.client.json(response)).extractingJsonPathStringValue("$.message").isNotBlank();
		assertUnchanged();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"state\": \"FORCED_OPEN\"}", "{\"key\": \"retry.max-attempts\", \"value\": \"5\"}",
			"{\"state\": \"sideways\"}", "not json at all" })
	void anythingPostedToAnUnknownPolicyIsRefusedAndCreatesNothing(String body) {
		assertThat(this.client.post("resilience/katalog", body).statusCode()).as(body).isIn(400, 404);
		assertThat(this.client.get("resilience/katalog").statusCode()).isEqualTo(404);
		assertThat(this.client.get("resilience").body()).doesNotContain("katalog");
		assertUnchanged();
	}

	private void assertUnchanged() {
		assertThat(this.client.get("resilience/catalog").body()).isEqualTo(this.before);
	}

}
