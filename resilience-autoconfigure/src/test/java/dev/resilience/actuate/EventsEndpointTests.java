package dev.resilience.actuate;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.resilience.CircuitOpenException;
import dev.resilience.Resilience;
import dev.resilience.policy.RecentEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code /actuator/resilience/{policy}/events} over HTTP; each test works on its own policy.
 * Policy {@code busy} has no retry budget: its test counts the events of 150 calls that each
 * retry twice, more retries than a budget would allow, and is about the events ring, not the
 * budget.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=resilience",
				"resilience.defaults.retry.backoff.jitter=0",
				"resilience.policies.inventory.retry.max-attempts=3",
				"resilience.policies.busy.circuit-breaker.enabled=false",
				"resilience.policies.busy.retry.budget.enabled=false",
				"resilience.policies.breaking.retry.max-attempts=1",
				"resilience.policies.breaking.circuit-breaker.minimum-number-of-calls=2",
				"resilience.policies.breaking.circuit-breaker.sliding-window-size=2" })
class EventsEndpointTests {

	private static final String SECRET = "token=hunter2 at https://user:pw@api.example.com/x?key=42";

	@LocalServerPort
	private int port;

	@Autowired
	private Resilience resilience;

	private ActuatorClient client;

	@BeforeEach
	void client() {
		this.client = new ActuatorClient(this.port);
	}

	@Test
	void showsARecoveredCallAsFailedAttemptsScheduledRetriesAndItsEnd() throws Exception {
		int[] calls = { 0 };
		String result = this.resilience.call("inventory", () -> {
			if (++calls[0] < 3) {
				throw new IllegalStateException(SECRET);
			}
			return "ok";
		});
		assertThat(result).isEqualTo("ok");
		HttpResponse<String> response = this.client.get("resilience/inventory/events");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("hunter2", "api.example.com", "key=42");
		JsonContent<Object> json = this.client.json(response);
		assertThat(json).extractingJsonPathArrayValue("$[*].type")
			.containsExactly("attempt-failed", "retry-scheduled", "attempt-failed", "retry-scheduled", "call-ended");
		assertThat(json).extractingJsonPathMapValue("$[0]")
			.containsOnlyKeys("time", "type", "attempt", "classification", "exception")
			.containsEntry("attempt", 1)
			.containsEntry("classification", "transient")
			.containsEntry("exception", "IllegalStateException");
		assertThat(json).extractingJsonPathMapValue("$[1]")
			.containsOnlyKeys("time", "type", "attempt", "wait")
			.containsEntry("attempt", 2)
			.containsEntry("wait", "100ms");
		assertThat(json).extractingJsonPathMapValue("$[3]").containsEntry("attempt", 3).containsEntry("wait", "200ms");
		assertThat(json).extractingJsonPathMapValue("$[4]")
			.containsOnlyKeys("time", "type", "outcome", "attempts", "reason")
			.containsEntry("outcome", "recovered")
			.containsEntry("attempts", 3);
		List<String> times = JsonPath.read(response.body(), "$[*].time");
		assertThat(times).allSatisfy((time) -> assertThat(Instant.parse(time)).isBefore(Instant.now().plusSeconds(1)));
	}

	@Test
	void recordsNothingForCallsWhoseFirstAttemptSucceeds() throws Exception {
		for (int i = 0; i < 10; i++) {
			this.resilience.call("quiet", () -> "ok");
		}
		HttpResponse<String> response = this.client.get("resilience/quiet/events");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.client.json(response)).extractingJsonPathArrayValue("$").isEmpty();
	}

	@Test
	void showsTheCircuitOpeningAndTheRejectionsItCausesEachAsOneEvent() {
		for (int i = 0; i < 2; i++) {
			assertThatIllegalStateException().isThrownBy(() -> this.resilience.call("breaking", () -> {
				throw new IllegalStateException(SECRET);
			}));
		}
		assertThatExceptionOfType(CircuitOpenException.class)
			.isThrownBy(() -> this.resilience.call("breaking", () -> "never"));
		JsonContent<Object> json = this.client.json(this.client.get("resilience/breaking/events"));
		assertThat(json).extractingJsonPathArrayValue("$[*].type")
			.containsExactly("attempt-failed", "call-ended", "attempt-failed", "circuit-transition", "call-ended",
					"rejected");
		assertThat(json).extractingJsonPathMapValue("$[1]")
			.containsEntry("outcome", "exhausted")
			.containsEntry("attempts", 1)
			.containsEntry("reason", "max-attempts (1) reached");
		assertThat(json).extractingJsonPathMapValue("$[3]")
			.containsOnlyKeys("time", "type", "from", "to")
			.containsEntry("from", "closed")
			.containsEntry("to", "open");
		assertThat(json).extractingJsonPathMapValue("$[5]")
			.containsOnlyKeys("time", "type", "reason")
			.containsEntry("reason", "circuit-open");
	}

	@Test
	void keepsTheLastHundredEventsOldestFirst() {
		for (int i = 0; i < 150; i++) {
			int attempt = i;
			assertThatIllegalStateException().isThrownBy(() -> this.resilience.call("busy", () -> {
				throw new IllegalStateException("call " + attempt);
			}));
		}
		// Each call on the defaults writes 6 events (3 failed attempts, 2 scheduled retries, its end):
		// the 900 written end with event 899, and the oldest kept, event 800, is the second failure.
		HttpResponse<String> response = this.client.get("resilience/busy/events");
		JsonContent<Object> json = this.client.json(response);
		List<Map<String, Object>> events = JsonPath.read(response.body(), "$");
		assertThat(events).hasSize(RecentEvents.CAPACITY);
		assertThat(json).extractingJsonPathStringValue("$[99].type").isEqualTo("call-ended");
		assertThat(json).extractingJsonPathStringValue("$[0].type").isEqualTo("attempt-failed");
		assertThat(json).extractingJsonPathNumberValue("$[0].attempt").isEqualTo(2);
		List<Instant> times = events.stream()
			.map((event) -> Instant.parse((String) event.get("time")))
			.toList();
		assertThat(times).isSorted();
	}

	@Test
	void answers404ForAnUnknownPolicyOrAnotherViewAndCreatesNothing() {
		assertThat(this.client.get("resilience/nope/events").statusCode()).isEqualTo(404);
		assertThat(this.client.get("resilience/inventory/other").statusCode()).isEqualTo(404);
		assertThat(this.client.json(this.client.get("resilience"))).extractingJsonPathMapValue("$.policies")
			.doesNotContainKey("nope");
	}

}
