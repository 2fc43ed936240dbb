package dev.resilience.supervise;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import jakarta.websocket.DeploymentException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.resilience.Resilience;
import dev.resilience.Supervised;
import dev.resilience.Supervised.State;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceSupervisionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Supervised WebSocket connections against a real server (this test's context, on a random port),
 * from a client application built per test.
 */
@SpringBootTest(classes = FlagServer.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SupervisedWebSocketTests {

	private final ApplicationContextRunner client = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceSupervisionAutoConfiguration.class))
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0");

	@LocalServerPort
	private int port;

	@Autowired
	private FlagServer.Handshakes handshakes;

	@BeforeEach
	void clearHandshakes() {
		this.handshakes.clear();
	}

	@Test
	void handshakeRejectedWith401IsTriedOnceAndFailsSayingTheCredentialsWereRejected(CapturedOutput output) {
		FlagStreamSession session = new FlagStreamSession(uri("/flags"), "wrong-key");
		this.client.withBean(RecordingSleeper.class)
			.withPropertyValues("resilience.policies.flags.retry.max-attempts=10")
			.run((context) -> {
				Supervised supervised = context.getBean(Resilience.class).supervise("flags-stream", "flags", session);
				assertThat(supervised.awaitStopped(Duration.ofSeconds(10))).isTrue();
				assertThat(supervised.state()).isEqualTo(State.FAILED);
				assertThat(this.handshakes.at("/flags")).hasSize(1);
				assertThat(session.runs()).isEqualTo(1);
				// what Tomcat's client raises through Spring's StandardWebSocketClient
				assertThat(session.lastFailure()).isInstanceOf(ExecutionException.class)
					.cause()
					.isInstanceOf(DeploymentException.class)
					.hasMessageContaining("response code [401]");
				assertThat(context.getBean(RecordingSleeper.class).waits()).isEmpty();
			});
		assertThat(output.getOut().lines().filter((line) -> line.contains("credentials were rejected")))
			.singleElement()
			.asString()
			.contains("WARN", "'flags-stream'", "401");
	}

	@Test
	void refusedConnectionIsRetriedAfterGrowingWaitsAtMostMaxAttemptsTimes() throws IOException {
		FlagStreamSession session = new FlagStreamSession(closedPortUri(), FlagServer.KEY);
		this.client.withBean(RecordingSleeper.class)
			.withPropertyValues("resilience.policies.flags.retry.max-attempts=4")
			.run((context) -> {
				SupervisedConnection supervised = (SupervisedConnection) context.getBean(Resilience.class)
					.supervise("flags-stream", "flags", session);
				assertThat(supervised.awaitStopped(Duration.ofSeconds(10))).isTrue();
				assertThat(supervised.state()).isEqualTo(State.FAILED);
				assertThat(session.runs()).isEqualTo(4);
				// every reconnect waited, and each wait was longer than the one before
				assertThat(context.getBean(RecordingSleeper.class).waits()).containsExactly(100L, 200L, 400L);
				assertThat(supervised.consecutiveFailures()).isEqualTo(4);
				assertThat(supervised.lastFailure()).startsWith("ConnectException");
			});
	}

	@Test
	void streamClosedByTheServerIsReconnectedAfterAWaitEachTimeAndLoggedWithASuppressedCount(
			CapturedOutput output) {
		FlagStreamSession session = new FlagStreamSession(uri("/closing"), FlagServer.KEY);
		this.client
			.withPropertyValues("resilience.policies.closing.retry.max-attempts=1000",
					"resilience.policies.closing.retry.backoff.initial-interval=50ms",
					"resilience.policies.closing.retry.backoff.multiplier=1.0",
					"resilience.logging.repeat-interval=400ms")
			.run((context) -> {
				Supervised supervised = context.getBean(Resilience.class).supervise("closing-stream", "closing",
						session);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> this.handshakes.at("/closing").size() >= 12
							&& output.getOut().contains("identical warnings suppressed"));
				supervised.stop();
				assertThat(supervised.awaitStopped(Duration.ofSeconds(1))).isTrue();
			});
		List<Long> connects = this.handshakes.at("/closing");
		// every reconnect came at least one 50ms wait after the connect before it
		for (int i = 1; i < connects.size(); i++) {
			assertThat(Duration.ofNanos(connects.get(i) - connects.get(i - 1))).as("gap before connect %d", i + 1)
				.isGreaterThanOrEqualTo(Duration.ofMillis(45));
		}
		long first = connects.get(0);
		assertThat(connects.stream().filter((at) -> at - first < 1_000_000_000L)).hasSizeLessThanOrEqualTo(20);
		// one line per repeat interval (400ms), the next saying how many were suppressed
		List<String> lines = output.getOut()
			.lines()
			.filter((line) -> line.contains("'closing-stream'") && line.contains("ended before it was stable"))
			.toList();
		long spanMillis = (connects.get(connects.size() - 1) - first) / 1_000_000L;
		assertThat(lines).hasSizeLessThanOrEqualTo(2 + (int) (spanMillis / 400)).hasSizeLessThan(connects.size());
		assertThat(lines.get(0)).doesNotContain("suppressed");
		// A reconnect delayed past the interval (a loaded machine) writes its line with nothing
		// suppressed: the count is on a later line, not necessarily the second.
		assertThat(lines.subList(1, lines.size()))
			.anySatisfy((line) -> assertThat(line).containsPattern("\\(\\d+ identical warnings suppressed since the last\\)"));
	}

	@Test
	void closingTheContextStopsAWaitingAndAConnectedConnectionWithinASecond() throws IOException {
		FlagStreamSession connected = new FlagStreamSession(uri("/flags"), FlagServer.KEY);
		FlagStreamSession refused = new FlagStreamSession(closedPortUri(), FlagServer.KEY);
		this.client.withPropertyValues("resilience.policies.slow.retry.backoff.initial-interval=20s",
				"resilience.policies.slow.retry.backoff.max-interval=20s")
			.run((context) -> {
				Resilience resilience = context.getBean(Resilience.class);
				Supervised up = resilience.supervise("flags-stream", "flags", connected);
				Supervised waiting = resilience.supervise("refused-stream", "slow", refused);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> up.state() == State.CONNECTED && waiting.state() == State.WAITING);
				long closedAt = System.nanoTime();
				context.close();
				assertThat(up.awaitStopped(Duration.ofSeconds(1))).isTrue();
				assertThat(waiting.awaitStopped(Duration.ofSeconds(1))).isTrue();
				assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(1));
				assertThat(up.state()).isEqualTo(State.STOPPED);
				assertThat(waiting.state()).isEqualTo(State.STOPPED);
				assertThat(Thread.getAllStackTraces().keySet())
					.noneMatch((thread) -> thread.getName().startsWith("resilience-supervised-"));
			});
	}

	private URI uri(String path) {
		return URI.create("ws://127.0.0.1:" + this.port + path);
	}

	private static URI closedPortUri() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		return URI.create("ws://127.0.0.1:" + port + "/flags");
	}

}
