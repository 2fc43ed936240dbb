package dev.resilience.actuate;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.resilience.Resilience;
import dev.resilience.Session;
import dev.resilience.Supervised;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Supervised connections made per tenant do not grow memory without bound: a stopped one is
 * forgotten (gone from the endpoint, its meters removed), one that failed by itself stays
 * visible until stopped, and at most the 100 most recently ended are kept. Each test uses its
 * own names, as they share one context.
 */
@SpringBootTest(classes = ActuatorTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=resilience",
				"resilience.policies.once.retry.max-attempts=1" })
class SupervisedForgettingTests {

	@LocalServerPort
	private int port;

	@Autowired
	private Resilience resilience;

	@Autowired
	private MeterRegistry meters;

	private final CountDownLatch released = new CountDownLatch(1);

	private final Session holds = (context) -> {
		context.connected();
		this.released.await();
	};

	private final Session failsAtOnce = (context) -> {
		throw new IOException("refused");
	};

	private ActuatorClient client;

	@BeforeEach
	void client() {
		this.client = new ActuatorClient(this.port);
	}

	@AfterEach
	void release() {
		this.released.countDown();
	}

	@Test
	void aStoppedConnectionIsForgottenAndItsNameCanBeSupervisedAgain() {
		Supervised first = connected("tenant-a");
		assertThat(listed()).contains("tenant-a");
		assertThat(stateGauges("tenant-a")).isEqualTo(5);
		first.stop();
		assertThat(first.awaitStopped(Duration.ofSeconds(5))).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> !listed().contains("tenant-a"));
		assertThat(stateGauges("tenant-a")).isZero();
		assertThat(this.meters.find("resilience.supervised.sessions").tag("name", "tenant-a").counters()).isEmpty();

		Supervised second = connected("tenant-a");
		assertThat(second).isNotSameAs(first);
		assertThat(listed()).contains("tenant-a");
		assertThat(this.meters.get("resilience.supervised.state").tag("name", "tenant-a").tag("state", "connected")
			.gauge()
			.value()).isEqualTo(1.0);
	}

	@Test
	void supervisingANameThatIsStillRunningIsRefused() {
		Supervised running = connected("tenant-b");
		assertThatIllegalStateException().isThrownBy(() -> this.resilience.supervise("tenant-b", "feeds", this.holds))
			.withMessageContaining("tenant-b");
		assertThat(running.state()).isEqualTo(Supervised.State.CONNECTED);
	}

	@Test
	void aConnectionThatFailedByItselfStaysVisibleUntilStopped() {
		Supervised failed = this.resilience.supervise("tenant-c", "once", this.failsAtOnce);
		assertThat(failed.awaitStopped(Duration.ofSeconds(5))).isTrue();
		assertThat(failed.state()).isEqualTo(Supervised.State.FAILED);
		assertThat(this.client.json(this.client.get("resilience")))
			.extractingJsonPathStringValue("$.supervised['tenant-c'].state")
			.isEqualTo("failed");
		assertThat(stateGauges("tenant-c")).isEqualTo(5);
		failed.stop();
		assertThat(listed()).doesNotContain("tenant-c");
		assertThat(stateGauges("tenant-c")).isZero();
	}

	@Test
	void atMostTheHundredMostRecentlyEndedAreKept() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 105; i++) {
			String name = "ended-" + i;
			names.add(name);
			assertThat(this.resilience.supervise(name, "once", this.failsAtOnce).awaitStopped(Duration.ofSeconds(5)))
				.isTrue();
		}
		List<String> listed = listed();
		assertThat(listed).doesNotContainAnyElementsOf(names.subList(0, 5)).containsAll(names.subList(5, 105));
		assertThat(listed.stream().filter((name) -> name.startsWith("ended-"))).hasSize(100);
		for (String forgotten : names.subList(0, 5)) {
			assertThat(stateGauges(forgotten)).isZero();
		}
		assertThat(stateGauges("ended-104")).isEqualTo(5);
	}

	private Supervised connected(String name) {
		Supervised supervised = this.resilience.supervise(name, "feeds", this.holds);
		await().atMost(Duration.ofSeconds(5)).until(() -> supervised.state() == Supervised.State.CONNECTED);
		return supervised;
	}

	private List<String> listed() {
		Map<String, Object> supervised = JsonPath.read(this.client.get("resilience").body(), "$.supervised");
		return new ArrayList<>(supervised.keySet());
	}

	private int stateGauges(String name) {
		return this.meters.find("resilience.supervised.state").tag("name", name).gauges().size();
	}

}
