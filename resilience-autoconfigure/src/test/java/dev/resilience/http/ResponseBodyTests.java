package dev.resilience.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.resilience.Resilience;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.PolicyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A response body that breaks off is a failed attempt, retried where allowed, never a success. */
class ResponseBodyTests {

	/**
	 * Where every answer is meant to arrive, a loaded machine may take this long (a cold client, a
	 * late thread): far more than it ever should, so no answer ends as a timeout.
	 */
	private static final String ANSWERED_WITHIN = "10s";

	/** Where a read timeout is meant to fire: the body stalls until the server closes. */
	private static final String STALLED_AFTER = "500ms";

	private static final String FULL = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nwhole";

	private static final String TRUNCATED = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\npart";

	private static final String MALFORMED_CHUNK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
			+ "Transfer-Encoding: chunked\r\n\r\n4\r\npart\r\nZZ-not-a-size\r\n";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class, RestClientAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class))
		.withBean(RecordingSleeper.class)
		.withPropertyValues("resilience.defaults.retry.backoff.jitter=0",
				"resilience.policies.api.http.read-timeout=" + ANSWERED_WITHIN);

	@Test
	void aBodyCutShortByTheServerIsARetriedFailureThenTheWholeBodyRecovers() {
		this.runner.run((context) -> {
			try (RawServer server = RawServer.start(List.of(TRUNCATED, FULL), false)) {
				assertThat(client(context).get().uri(server.uri()).retrieve().body(String.class)).isEqualTo("whole");
				assertThat(server.requests()).isEqualTo(2);
				assertThat(counts(context, CallOutcome.RECOVERED)).isEqualTo(1);
				assertThat(counts(context, CallOutcome.SUCCESS)).isZero();
			}
		});
	}

	@Test
	void aMalformedChunkIsARetriedFailure() {
		this.runner.run((context) -> {
			try (RawServer server = RawServer.start(List.of(MALFORMED_CHUNK, FULL), false)) {
				assertThat(client(context).get().uri(server.uri()).retrieve().body(String.class)).isEqualTo("whole");
				assertThat(server.requests()).isEqualTo(2);
				assertThat(counts(context, CallOutcome.RECOVERED)).isEqualTo(1);
			}
		});
	}

	@Test
	void aBodyThatStallsEndsEveryAttemptAndTheCallExhaustedNeverASuccess() {
		this.runner.withPropertyValues("resilience.policies.api.http.read-timeout=" + STALLED_AFTER).run((context) -> {
			try (RawServer server = RawServer.start(List.of(), true)) {
				RestClient client = client(context);
				assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatExceptionOfType(
						RestClientException.class)
					.isThrownBy(() -> client.get().uri(server.uri()).retrieve().body(String.class)));
				assertThat(server.requests()).isEqualTo(3);
				assertThat(counts(context, CallOutcome.EXHAUSTED)).isEqualTo(1);
				assertThat(counts(context, CallOutcome.SUCCESS)).isZero();
			}
		});
	}

	private static RestClient client(AssertableApplicationContext context) {
		return context.getBean(Resilience.class).restClient("api").build();
	}

	private static long counts(AssertableApplicationContext context, CallOutcome outcome) {
		return context.getBean(PolicyRegistry.class).find("api").counts().get(outcome);
	}

	/**
	 * Answers each connection's request with the next scripted raw response and closes it; once the
	 * script is used up, sends the head of a response and part of its body, then either stalls
	 * ({@code stall}) or answers in full.
	 */
	private static final class RawServer implements AutoCloseable {

		private final ServerSocket socket;

		private final Queue<String> script;

		private final boolean stall;

		private final AtomicInteger requests = new AtomicInteger();

		private final List<Socket> open = new CopyOnWriteArrayList<>();

		private RawServer(ServerSocket socket, List<String> script, boolean stall) {
			this.socket = socket;
			this.script = new ConcurrentLinkedQueue<>(script);
			this.stall = stall;
		}

		static RawServer start(List<String> script, boolean stall) throws IOException {
			RawServer server = new RawServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), script,
					stall);
			Thread acceptor = new Thread(server::accept, "raw-http-server");
			acceptor.setDaemon(true);
			acceptor.start();
			return server;
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.socket.getLocalPort() + "/body");
		}

		int requests() {
			return this.requests.get();
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					this.open.add(connection);
					Thread handler = new Thread(() -> answer(connection), "raw-http-connection");
					handler.setDaemon(true);
					handler.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void answer(Socket connection) {
			try {
				readHead(connection.getInputStream());
				this.requests.incrementAndGet();
				OutputStream out = connection.getOutputStream();
				String reply = this.script.poll();
				if (reply == null && this.stall) {
					out.write(TRUNCATED.getBytes(StandardCharsets.US_ASCII));
					out.flush();
					return;
				}
				out.write(((reply != null) ? reply : FULL).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				connection.close();
			}
			catch (IOException ex) {
				// the client went away
			}
		}

		private static void readHead(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1) {
				head.write(b);
				String text = head.toString(StandardCharsets.US_ASCII);
				if (text.endsWith("\r\n\r\n")) {
					return;
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket connection : this.open) {
				connection.close();
			}
		}

	}

}
