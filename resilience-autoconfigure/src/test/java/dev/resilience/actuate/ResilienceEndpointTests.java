package dev.resilience.actuate;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.json.JsonContent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.retry.backoff.FixedBackOffPolicy;

import dev.resilience.CircuitOpenException;
import dev.resilience.Resilience;
import dev.resilience.Supervised;
import dev.resilience.TimeoutExceededException;
import dev.resilience.autoconfigure.FlakyService;
import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The endpoint over HTTP; each test works on its own policy, as they share one context. */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=resilience,health",
				"management.endpoint.resilience.access=unrestricted",
				"resilience.defaults.retry.backoff.jitter=0",
				"resilience.policies.payments.retry.max-attempts=4",
				"resilience.policies.payments.circuit-breaker.wait-duration-in-open-state=1500ms",
				"resilience.policies.payments.classifier.retry-on[0]=java.util.concurrent.TimeoutException",
				"resilience.policies.orders.retry.max-attempts=2",
				"resilience.policies.stock.retry.max-attempts=3",
				"resilience.policies.ledger.retry.max-attempts=3",
				"resilience.policies.bounded.bulkhead.max-concurrent-calls=4",
				"resilience.policies.bounded.timeout.attempt=2s", "resilience.policies.bounded.timeout.total=5s",
				"resilience.policies.timed.retry.max-attempts=1",
				"resilience.policies.refunds.retry.max-attempts=3" })
class ResilienceEndpointTests {

	@LocalServerPort
	private int port;

	@Autowired
	private PolicyRegistry registry;

	@Autowired
	private Resilience resilience;

	@Autowired
	private FlakyService flaky;

	@Autowired
	private ConfigurableListableBeanFactory beanFactory;

	private ActuatorClient client;

	@BeforeEach
	void client() {
		this.client = new ActuatorClient(this.port);
	}

	@Test
	void listsEveryConfiguredAndUsedPolicyFromStartup() {
		HttpResponse<String> response = this.client.get("resilience");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonContent<Object> json = this.client.json(response);
		assertThat(json).extractingJsonPathMapValue("$.policies")
			.containsKeys("payments", "orders", "stock", "ledger", "flaky", "FlakyService.unnamed");
		assertThat(json).extractingJsonPathMapValue("$.supervised").isNotNull();
	}

	@Test
	void listsSupervisedConnectionsWithTheirLastFailure() {
		Supervised feed = this.resilience.supervise("feed-stream", "feeds", (context) -> {
			throw new ConnectException("Connection refused");
		});
		assertThat(feed.awaitStopped(Duration.ofSeconds(10))).isTrue();
		JsonContent<Object> json = this.client.json(this.client.get("resilience"));
		assertThat(json).extractingJsonPathStringValue("$.supervised['feed-stream'].policy").isEqualTo("feeds");
		assertThat(json).extractingJsonPathStringValue("$.supervised['feed-stream'].state").isEqualTo("failed");
		assertThat(json).extractingJsonPathNumberValue("$.supervised['feed-stream']['consecutive-failures']")
			.isEqualTo(3);
		assertThat(json).extractingJsonPathStringValue("$.supervised['feed-stream']['last-failure']")
			.isEqualTo("ConnectException: Connection refused");
		assertThat(json).extractingJsonPathMapValue("$.policies").containsKey("feeds");
	}

	@Test
	void showsEffectiveConfigurationInKebabCaseWithDurationsInTheLargestExactUnit() {
		HttpResponse<String> response = this.client.get("resilience");
		JsonContent<Object> json = this.client.json(response);
		String config = "$.policies.payments.config";
		assertThat(json).extractingJsonPathBooleanValue(config + ".enabled").isTrue();
		assertThat(json).extractingJsonPathNumberValue(config + ".retry['max-attempts']").isEqualTo(4);
		assertThat(json).extractingJsonPathStringValue(config + ".retry.backoff['initial-interval']")
			.isEqualTo("100ms");
		assertThat(json).extractingJsonPathNumberValue(config + ".retry.backoff.multiplier").isEqualTo(2.0);
		assertThat(json).extractingJsonPathStringValue(config + ".retry.backoff['max-interval']").isEqualTo("10s");
		assertThat(json).extractingJsonPathNumberValue(config + ".retry.backoff.jitter").isEqualTo(0.0);
		assertThat(json).extractingJsonPathStringValue(config + ".retry['max-retry-after']").isEqualTo("30s");
		assertThat(json).hasEmptyJsonPathValue(config + ".retry['max-elapsed-time']");
		assertThat(json).extractingJsonPathBooleanValue(config + "['circuit-breaker'].enabled").isTrue();
		assertThat(json).extractingJsonPathStringValue(config + "['circuit-breaker']['sliding-window-type']")
			.isEqualTo("count-based");
		assertThat(json).extractingJsonPathNumberValue(config + "['circuit-breaker']['sliding-window-size']")
			.isEqualTo(100);
		assertThat(json).extractingJsonPathStringValue(config + "['circuit-breaker']['wait-duration-in-open-state']")
			.isEqualTo("1500ms");
		assertThat(json).extractingJsonPathArrayValue(config + ".classifier['retry-on']")
			.containsExactly("java.util.concurrent.TimeoutException");
		assertThat(json).extractingJsonPathArrayValue(config + ".classifier['abort-on']").isEmpty();
		assertThat(json).extractingJsonPathStringValue(config + ".http['connect-timeout']").isEqualTo("2s");
		assertThat(json).extractingJsonPathStringValue("$.policies.payments.circuit.state").isEqualTo("closed");
		assertThat(json).extractingJsonPathNumberValue("$.policies.payments.circuit['failure-rate']")
			.isEqualTo(-1.0);
		assertThat(json).extractingJsonPathNumberValue("$.policies.payments.circuit['buffered-calls']").isEqualTo(0);
		// written as null, not left out: the shape stays the same in every state
		assertThat(response.body()).contains("\"retry-at\":null");
		assertThat(json).hasEmptyJsonPathValue("$.policies.payments.circuit['retry-at']");
		assertThat(json).extractingJsonPathMapValue("$.policies.payments.calls")
			.containsOnlyKeys("success", "recovered", "exhausted", "aborted", "rejected");
		assertThat(response.body()).contains("\"bulkhead\":{\"max-concurrent-calls\":null,\"calls\":0}");
		assertThat(json).hasEmptyJsonPathValue(config + ".timeout.attempt");
		assertThat(json).extractingJsonPathStringValue(config + ".bulkhead['max-wait']").isEqualTo("0ms");
	}

	@Test
	void showsTheBulkheadAndTheTimeLimits() {
		JsonContent<Object> json = this.client.json(this.client.get("resilience/bounded"));
		assertThat(json).extractingJsonPathNumberValue("$.bulkhead['max-concurrent-calls']").isEqualTo(4);
		assertThat(json).extractingJsonPathNumberValue("$.bulkhead.calls").isEqualTo(0);
		assertThat(json).extractingJsonPathNumberValue("$.config.bulkhead['max-concurrent-calls']").isEqualTo(4);
		assertThat(json).extractingJsonPathStringValue("$.config.timeout.attempt").isEqualTo("2s");
		assertThat(json).extractingJsonPathStringValue("$.config.timeout.total").isEqualTo("5s");
	}

	@Test
	void addsAnAttemptLimitAtRunTimeThatTheNextCallObeys() throws Exception {
		HttpResponse<String> response = this.client.post("resilience/timed",
				"{\"key\": \"timeout.attempt\", \"value\": \"100ms\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.client.json(response)).extractingJsonPathStringValue("$.config.timeout.attempt")
			.isEqualTo("100ms");
		assertThatExceptionOfType(TimeoutExceededException.class).isThrownBy(() -> this.resilience.call("timed", () -> {
			// blocks until the time limit interrupts it
			new CountDownLatch(1).await(30, TimeUnit.SECONDS);
			return "late";
		}));
		HttpResponse<String> tooLong = this.client.post("resilience/timed",
				"{\"key\": \"timeout.total\", \"value\": \"50ms\"}");
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(this.client.json(tooLong)).extractingJsonPathStringValue("$.key")
			.isEqualTo("resilience.policies.timed.timeout.attempt");
	}

	@Test
	void showsOnePolicyWithItsCallCounts() {
		this.flaky.call();
		HttpResponse<String> response = this.client.get("resilience/flaky");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonContent<Object> json = this.client.json(response);
		assertThat(json).extractingJsonPathNumberValue("$.config.retry['max-attempts']").isEqualTo(3);
		assertThat(json).extractingJsonPathNumberValue("$.calls.success").isNotEqualTo(0);
		assertThat(json).doesNotHaveJsonPath("$.policies");
	}

	@Test
	void showsTheRetryBudgetAndChangesItAtRunTime() {
		JsonContent<Object> json = this.client.json(this.client.get("resilience/refunds"));
		assertThat(json).extractingJsonPathBooleanValue("$['retry-budget'].enabled").isTrue();
		assertThat(json).extractingJsonPathNumberValue("$['retry-budget'].available").isEqualTo(100);
		assertThat(json).extractingJsonPathNumberValue("$['retry-budget'].refused").isEqualTo(0);
		assertThat(json).hasJsonPath("$['paused-until']");
		assertThat(json).extractingJsonPathValue("$['paused-until']").isNull();
		assertThat(json).extractingJsonPathNumberValue("$.config.retry.budget.ratio").isEqualTo(0.2);
		assertThat(json).extractingJsonPathStringValue("$.config.retry.budget.window").isEqualTo("10s");
		assertThat(json).extractingJsonPathStringValue("$.config.retry['retry-after-scope']").isEqualTo("policy");
		HttpResponse<String> off = this.client.post("resilience/refunds",
				"{\"key\": \"retry.budget.enabled\", \"value\": \"false\"}");
		assertThat(off.statusCode()).isEqualTo(200);
		assertThat(this.client.json(off)).extractingJsonPathBooleanValue("$['retry-budget'].enabled").isFalse();
		assertThat(this.registry.find("refunds").settings().retry().budget().enabled()).isFalse();
		HttpResponse<String> bad = this.client.post("resilience/refunds",
				"{\"key\": \"retry.budget.ratio\", \"value\": \"0\"}");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(this.client.json(bad)).extractingJsonPathStringValue("$.key")
			.isEqualTo("resilience.policies.refunds.retry.budget.ratio");
		HttpResponse<String> scope = this.client.post("resilience/refunds",
				"{\"key\": \"retry.retry-after-scope\", \"value\": \"call\"}");
		assertThat(this.client.json(scope)).extractingJsonPathStringValue("$.config.retry['retry-after-scope']")
			.isEqualTo("call");
	}

	@Test
	void unknownPolicyIsNotFoundAndNothingIsCreated() {
		assertThat(this.client.get("resilience/nope").statusCode()).isEqualTo(404);
		assertThat(this.client.post("resilience/nope", "{\"state\": \"FORCED_OPEN\"}").statusCode()).isEqualTo(404);
		assertThat(this.client.post("resilience/nope", "{\"key\": \"retry.max-attempts\", \"value\": \"5\"}")
			.statusCode()).isEqualTo(404);
		assertThat(this.registry.find("nope")).isNull();
		assertThat(this.client.json(this.client.get("resilience"))).doesNotHaveJsonPath("$.policies.nope");
	}

	@Test
	void unknownPolicyIsNotFoundWithABodyNamingIt() {
		for (HttpResponse<String> response : List.of(this.client.get("resilience/nope"),
				this.client.get("resilience/nope/events"),
				this.client.post("resilience/nope", "{\"state\": \"FORCED_OPEN\"}"))) {
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(this.client.json(response)).extractingJsonPathStringValue("$.policy").isEqualTo("nope");
			assertThat(this.client.json(response)).extractingJsonPathStringValue("$.message").contains("'nope'");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "retry.backoff.policy-bean", "retry.backoff.policyBean", "retry.backoff.policy_bean" })
	void policyBeanCannotChangeAtRunTimeAndNoBeanIsLookedUp(String key) {
		HttpResponse<String> response = this.client.post("resilience/ledger",
				"{\"key\": \"" + key + "\", \"value\": \"lazyBackOff\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonContent<Object> json = this.client.json(response);
		assertThat(json).extractingJsonPathStringValue("$.key").isEqualTo("resilience.policies.ledger." + key);
		assertThat(json).extractingJsonPathStringValue("$.message").contains("cannot change at run time");
		assertThat(response.body()).doesNotContain(FixedBackOffPolicy.class.getName());
		assertThat(this.beanFactory.containsSingleton("lazyBackOff")).as("lazy bean instantiated").isFalse();
		assertThat(this.registry.find("ledger").settings().retry().customBackOff()).isNull();
		assertLedgerUnchanged();
	}

	@Test
	void movesTheCircuitByHand() {
		HttpResponse<String> forced = this.client.post("resilience/stock", "{\"state\": \"FORCED_OPEN\"}");
		assertThat(forced.statusCode()).isEqualTo(200);
		assertThat(this.client.json(forced)).extractingJsonPathStringValue("$.circuit.state").isEqualTo("forced_open");
		assertThatExceptionOfType(CircuitOpenException.class)
			.isThrownBy(() -> this.resilience.call("stock", () -> "unreachable"));
		assertThat(this.client.post("resilience/stock", "{\"state\": \"DISABLED\"}").statusCode()).isEqualTo(200);
		assertThat(this.registry.find("stock").circuitBreaker().state()).isEqualTo(CircuitState.DISABLED);
		HttpResponse<String> closed = this.client.post("resilience/stock", "{\"state\": \"CLOSED\"}");
		assertThat(this.client.json(closed)).extractingJsonPathStringValue("$.circuit.state").isEqualTo("closed");
		assertThat(this.client.json(this.client.get("resilience/stock")))
			.extractingJsonPathStringValue("$.circuit.state")
			.isEqualTo("closed");
	}

	@Test
	void changesMaxAttemptsAtRunTimeForTheNextCall() throws Exception {
		assertThat(attemptsOfAFailingCall("orders")).isEqualTo(2);
		HttpResponse<String> response = this.client.post("resilience/orders",
				"{\"key\": \"retry.max-attempts\", \"value\": \"5\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.client.json(response)).extractingJsonPathNumberValue("$.config.retry['max-attempts']")
			.isEqualTo(5);
		assertThat(this.client.json(this.client.get("resilience")))
			.extractingJsonPathNumberValue("$.policies.orders.config.retry['max-attempts']")
			.isEqualTo(5);
		assertThat(attemptsOfAFailingCall("orders")).isEqualTo(5);
		assertThat(this.client.json(this.client.get("resilience/orders")))
			.extractingJsonPathNumberValue("$.calls.exhausted")
			.isEqualTo(2);
	}

	@Test
	void invalidValueIsABadRequestAndChangesNothing() {
		HttpResponse<String> response = this.client.post("resilience/ledger",
				"{\"key\": \"retry.max-attempts\", \"value\": \"0\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonContent<Object> json = this.client.json(response);
		assertThat(json).extractingJsonPathStringValue("$.key")
			.isEqualTo("resilience.policies.ledger.retry.max-attempts");
		assertThat(json).extractingJsonPathStringValue("$.message").contains("at least 1");
		HttpResponse<String> notANumber = this.client.post("resilience/ledger",
				"{\"key\": \"retry.backoff.initial-interval\", \"value\": \"soon\"}");
		assertThat(notANumber.statusCode()).isEqualTo(400);
		assertThat(this.client.json(notANumber)).extractingJsonPathStringValue("$.key")
			.isEqualTo("resilience.policies.ledger.retry.backoff.initial-interval");
		assertLedgerUnchanged();
	}

	@Test
	void unknownKeyIsABadRequestAndChangesNothing() {
		HttpResponse<String> response = this.client.post("resilience/ledger",
				"{\"key\": \"circuit-breaker.sliding-window-size\", \"value\": \"5\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.client.json(response)).extractingJsonPathStringValue("$.key")
			.isEqualTo("resilience.policies.ledger.circuit-breaker.sliding-window-size");
		assertThat(this.client.post("resilience/ledger", "{\"key\": \"retry.max-attempts\"}").statusCode())
			.isEqualTo(400);
		assertLedgerUnchanged();
	}

	@Test
	void unknownStateIsABadRequestAndChangesNothing() {
		HttpResponse<String> response = this.client.post("resilience/ledger", "{\"state\": \"HALF_OPEN\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.client.json(response)).extractingJsonPathStringValue("$.message").contains("HALF_OPEN");
		assertThat(this.client.post("resilience/ledger", "{\"state\": \"SIDEWAYS\"}").statusCode()).isEqualTo(400);
		assertThat(this.client.post("resilience/ledger", "{}").statusCode()).isEqualTo(400);
		assertLedgerUnchanged();
	}

	private void assertLedgerUnchanged() {
		JsonContent<Object> json = this.client.json(this.client.get("resilience/ledger"));
		assertThat(json).extractingJsonPathNumberValue("$.config.retry['max-attempts']").isEqualTo(3);
		assertThat(json).extractingJsonPathStringValue("$.config.retry.backoff['initial-interval']")
			.isEqualTo("100ms");
		assertThat(json).extractingJsonPathStringValue("$.circuit.state").isEqualTo("closed");
	}

	private int attemptsOfAFailingCall(String policy) {
		AtomicInteger attempts = new AtomicInteger();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.resilience.call(policy, () -> {
			attempts.incrementAndGet();
			throw new IOException("down");
		}));
		return attempts.get();
	}

	/** A backoff bean that only a lookup would create: proves the endpoint looks none up. */
	@TestConfiguration(proxyBeanMethods = false)
	static class LazyBackOffConfiguration {

		@Bean
		@Lazy
		FixedBackOffPolicy lazyBackOff() {
			return new FixedBackOffPolicy();
		}

	}

}
