package dev.resilience.sample.embedding;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.resilience.CircuitOpenException;
import dev.resilience.sample.downstream.DownstreamServers;
import dev.resilience.sample.downstream.MisbehavingServer;
import dev.resilience.sample.report.BackoffShape;
import dev.resilience.sample.report.CallResult;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.Circuits;
import dev.resilience.sample.report.Configured;
import dev.resilience.sample.report.Observation;
import dev.resilience.sample.report.ScenarioReport;
import dev.resilience.sample.scenario.Scenario;

/**
 * Incident 3: an embedding server that hangs, throttles, rejects the key and dies. Calls must
 * end at the read timeout, wait for {@code Retry-After}, fail at once on 401, stop hitting a dead
 * server once its circuit opens, and never repeat a POST that may have arrived; and a client with
 * no timeout at all must not hold its callers or pile up threads.
 */
@Component
public class EmbeddingScenario implements Scenario {

	/** Calls made to the dead backup server: enough to open its circuit and be rejected. */
	private static final int CALLS_TO_DEAD_SERVER = 10;

	/** How late an attempt may end after its limit on a loaded machine. */
	static final long ATTEMPT_SLACK_MILLIS = 1000;

	private final EmbeddingClient client;

	private final MisbehavingServer server;

	private final Environment environment;

	private final Circuits circuits;

	private final NoClientTimeoutsCase noClientTimeouts;

	private final ReactiveEmbeddingClient reactiveClient;

	public EmbeddingScenario(EmbeddingClient client, @Qualifier("embeddingServer") MisbehavingServer server,
			Environment environment, Circuits circuits, NoClientTimeoutsCase noClientTimeouts,
			ReactiveEmbeddingClient reactiveClient) {
		this.reactiveClient = reactiveClient;
		this.client = client;
		this.server = server;
		this.environment = environment;
		this.circuits = circuits;
		this.noClientTimeouts = noClientTimeouts;
	}

	@Override
	public int number() {
		return 3;
	}

	@Override
	public String incident() {
		return "The embedding server that hung";
	}

	@Override
	public ScenarioReport run() {
		Duration readTimeout = Configured.duration(this.environment, "embedding", "http.read-timeout",
				Duration.ofSeconds(10));
		Duration connectTimeout = Configured.duration(this.environment, "embedding", "http.connect-timeout",
				Duration.ofSeconds(2));
		List<CaseReport> cases = List.of(hanging(readTimeout), quota(), unauthorized(), deadServer(),
				postAfterReadTimeout(readTimeout), this.noClientTimeouts.run(), reactiveHanging(), reactiveQuota());
		return ScenarioReport.of(number(), incident(), cases,
				List.of("policy 'embedding' has connect-timeout " + connectTimeout.toMillis() + "ms and read-timeout "
						+ readTimeout.toMillis() + "ms (starter defaults 2s and 10s), shortened so the hang shows quickly",
						"pauses after a hung request are counted from the moment the client gave up (read timeout)",
						"policy 'embedding-bare' calls the hanging server with the JDK HttpClient and no timeout at all; "
								+ "its timeout.attempt and bulkhead are all that bound the hang",
						"policy 'embedding-reactive' is the same client as WebClient + Mono (Resilience.webClient): "
								+ "the same timeouts, retries and waits, scheduled without blocking a thread"));
	}

	private CaseReport hanging(Duration readTimeout) {
		Observation seen = observe(DownstreamServers.HANGING_EMBEDDING,
				() -> this.client.embed("hang", "the quick brown fox"));
		int maxAttempts = Configured.maxAttempts(this.environment, "embedding");
		BackoffShape shape = BackoffShape.of(this.environment, "embedding");
		// Each attempt must end near its read timeout, far before the server's 30s hang; the
		// slack per attempt absorbs a loaded machine.
		long bound = maxAttempts * (readTimeout.toMillis() + ATTEMPT_SLACK_MILLIS)
				+ waitsUpperBound(shape, maxAttempts - 1);
		long elapsed = seen.result().elapsed().toMillis();
		boolean held = !seen.result().succeeded() && seen.attempts() == maxAttempts
				&& elapsed >= maxAttempts * readTimeout.toMillis() && elapsed <= bound;
		return new CaseReport("server hangs", seen.outcome(), seen.attempts(), seen.pauses(readTimeout),
				this.circuits.state("embedding"),
				"ended each attempt at the read timeout (" + readTimeout.toMillis() + "ms) and gave up after "
						+ maxAttempts + " attempts in " + elapsed + "ms instead of hanging",
				held);
	}

	private CaseReport quota() {
		Observation seen = observe(DownstreamServers.QUOTA_EMBEDDING, () -> this.client.embed("quota", "hello"));
		boolean held = seen.result().succeeded() && seen.attempts() == 2 && seen.pauses().get(0) >= 1000;
		return new CaseReport("429 with Retry-After: 1", seen.outcome(), seen.attempts(), seen.pauses(),
				this.circuits.state("embedding"), "waited the 1000ms the server asked for, then succeeded", held);
	}

	private CaseReport unauthorized() {
		Observation seen = observe(DownstreamServers.UNAUTHORIZED_EMBEDDING, () -> this.client.embed("auth", "hello"));
		boolean held = !seen.result().succeeded() && seen.attempts() == 1;
		return new CaseReport("401 (wrong key)", seen.outcome(), seen.attempts(), List.of(),
				this.circuits.state("embedding"),
				"failed at once: 401 means the credentials were rejected, retrying cannot help (one WARN says so)",
				held);
	}

	private CaseReport deadServer() {
		this.server.reset(DownstreamServers.DEAD_EMBEDDING);
		int rejected = 0;
		int hitsAtFirstRejection = -1;
		long start = System.nanoTime();
		for (int i = 0; i < CALLS_TO_DEAD_SERVER; i++) {
			CallResult result = CallResult.of(() -> this.client.embedOnBackup("dead", "hello"));
			if (isRejection(result.failure())) {
				rejected++;
				if (hitsAtFirstRejection < 0) {
					hitsAtFirstRejection = this.server.hits(DownstreamServers.DEAD_EMBEDDING).size();
				}
			}
		}
		long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
		int hits = this.server.hits(DownstreamServers.DEAD_EMBEDDING).size();
		boolean held = rejected > 0 && hits == hitsAtFirstRejection;
		return new CaseReport("server dead (503), circuit breaker",
				(CALLS_TO_DEAD_SERVER - rejected) + " failed, " + rejected + " rejected", hits, List.of(),
				this.circuits.state("embedding-backup"),
				"opened the circuit of 'embedding-backup' after " + hits + " failed attempts; the other " + rejected
						+ " of " + CALLS_TO_DEAD_SERVER + " calls were rejected without reaching the server (all "
						+ CALLS_TO_DEAD_SERVER + " calls took " + elapsed + "ms)",
				held);
	}

	private CaseReport postAfterReadTimeout(Duration readTimeout) {
		Observation seen = observe(DownstreamServers.HANGING_EMBEDDING, () -> {
			this.client.index("hang", "a document");
			return null;
		});
		boolean held = !seen.result().succeeded() && seen.attempts() == 1;
		return new CaseReport("POST without Idempotency-Key, read timeout", seen.outcome(), seen.attempts(),
				List.of(), this.circuits.state("embedding"),
				"did not resend the POST: it timed out after " + readTimeout.toMillis()
						+ "ms reading, so it may have been stored already",
				held);
	}

	/** The reactive client against the hanging server: each attempt ends at the read timeout. */
	private CaseReport reactiveHanging() {
		Duration readTimeout = Configured.duration(this.environment, "embedding-reactive", "http.read-timeout",
				Duration.ofSeconds(10));
		int maxAttempts = Configured.maxAttempts(this.environment, "embedding-reactive");
		BackoffShape shape = BackoffShape.of(this.environment, "embedding-reactive");
		Observation seen = observe(DownstreamServers.HANGING_EMBEDDING_REACTIVE,
				() -> this.reactiveClient.embed("hang-reactive", "the quick brown fox").block());
		long bound = maxAttempts * (readTimeout.toMillis() + ATTEMPT_SLACK_MILLIS)
				+ waitsUpperBound(shape, maxAttempts - 1);
		long elapsed = seen.result().elapsed().toMillis();
		boolean held = !seen.result().succeeded() && seen.attempts() == maxAttempts
				&& elapsed >= maxAttempts * readTimeout.toMillis() && elapsed <= bound;
		return new CaseReport("WebClient + Mono: server hangs", seen.outcome(), seen.attempts(),
				seen.pauses(readTimeout), this.circuits.state("embedding-reactive"),
				"ended each attempt at the read timeout (" + readTimeout.toMillis() + "ms) and gave up after "
						+ maxAttempts + " attempts in " + elapsed + "ms; the waits were scheduled, no thread slept",
				held);
	}

	/** The reactive client against a 429 with {@code Retry-After: 1}: it waits the second, then succeeds. */
	private CaseReport reactiveQuota() {
		Observation seen = observe(DownstreamServers.QUOTA_EMBEDDING,
				() -> this.reactiveClient.embed("quota", "hello").block());
		boolean held = seen.result().succeeded() && seen.attempts() == 2 && seen.pauses().get(0) >= 1000;
		return new CaseReport("WebClient + Mono: 429 with Retry-After: 1", seen.outcome(), seen.attempts(),
				seen.pauses(), this.circuits.state("embedding-reactive"),
				"waited the 1000ms the server asked for (a scheduled wait), then succeeded", held);
	}

	private static long waitsUpperBound(BackoffShape shape, int waits) {
		long total = 0;
		for (int n = 1; n <= waits; n++) {
			total += shape.highest(n);
		}
		return total;
	}

	private static boolean isRejection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CircuitOpenException) {
				return true;
			}
		}
		return false;
	}

	private Observation observe(String path, Callable<?> call) {
		return Observation.of(this.server, path, call);
	}

}
