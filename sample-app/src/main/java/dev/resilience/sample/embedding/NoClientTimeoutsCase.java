package dev.resilience.sample.embedding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.resilience.BulkheadFullException;
import dev.resilience.TimeoutExceededException;
import dev.resilience.sample.downstream.DownstreamServers;
import dev.resilience.sample.downstream.Gate;
import dev.resilience.sample.downstream.MisbehavingServer;
import dev.resilience.sample.report.Bulkheads;
import dev.resilience.sample.report.CallResult;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.Circuits;
import dev.resilience.sample.report.Configured;

/**
 * Incident 3's case of a client with no timeouts at all: the JDK's {@code HttpClient} through a
 * wrapper that ignores interrupts, under policy {@code embedding-bare}. Two concurrent callers
 * are released at {@code timeout.attempt} while their requests hang on, holding both places of
 * the bulkhead, so a third concurrent call is rejected at once without reaching the server; when
 * the server finally answers, the places come back.
 */
@Component
class NoClientTimeoutsCase {

	private final BareEmbeddingClient bareClient;

	private final MisbehavingServer server;

	private final Gate gate;

	private final Bulkheads bulkheads;

	private final Environment environment;

	private final Circuits circuits;

	NoClientTimeoutsCase(BareEmbeddingClient bareClient, @Qualifier("embeddingServer") MisbehavingServer server,
			Gate embeddingGate, Bulkheads bulkheads, Environment environment, Circuits circuits) {
		this.bareClient = bareClient;
		this.server = server;
		this.gate = embeddingGate;
		this.bulkheads = bulkheads;
		this.environment = environment;
		this.circuits = circuits;
	}

	/** Runs the case against the gated route of the embedding server. */
	CaseReport run() {
		Duration limit = Configured.duration(this.environment, "embedding-bare", "timeout.attempt", Duration.ZERO);
		int places = Configured.value(this.environment, "embedding-bare", "bulkhead.max-concurrent-calls",
				Integer.class, 0);
		this.server.reset(DownstreamServers.GATED_EMBEDDING);
		this.gate.close();
		int attemptsBefore = this.bareClient.attempts();
		AtomicInteger callerNumber = new AtomicInteger();
		ExecutorService callers = Executors.newFixedThreadPool(places,
				(task) -> new Thread(task, "caller-" + callerNumber.incrementAndGet()));
		try {
			List<Future<CallResult>> hung = new ArrayList<>();
			for (int i = 0; i < places; i++) {
				hung.add(callers.submit(() -> CallResult.of(() -> this.bareClient.embed(DownstreamServers.GATED_EMBEDDING,
						"the quick brown fox"))));
			}
			List<CallResult> released = new ArrayList<>();
			for (Future<CallResult> call : hung) {
				released.add(call.get());
			}
			int heldPlaces = this.bulkheads.calls("embedding-bare");
			CallResult third = CallResult.of(() -> this.bareClient.embed(DownstreamServers.GATED_EMBEDDING, "hello"));
			int attemptsOfThird = this.bareClient.attempts() - attemptsBefore - places;
			this.gate.open();
			int placesAfter = awaitPlacesFree("embedding-bare");
			int hits = this.server.hits(DownstreamServers.GATED_EMBEDDING).size();
			long slowest = released.stream().mapToLong((result) -> result.elapsed().toMillis()).max().orElse(0);
			boolean releasedInTime = released.stream()
				.allMatch((result) -> result.failedWith(TimeoutExceededException.class)
						&& result.elapsed().toMillis() >= limit.toMillis()
						&& result.elapsed().toMillis() <= limit.toMillis() + EmbeddingScenario.ATTEMPT_SLACK_MILLIS);
			boolean held = releasedInTime && heldPlaces == places && third.failedWith(BulkheadFullException.class)
					&& third.elapsed().toMillis() < limit.toMillis() && attemptsOfThird == 0 && hits == places
					&& placesAfter == 0;
			return new CaseReport("JDK HttpClient, no timeouts; bulkhead of " + places,
					places + " timed out, " + (third.failedWith(BulkheadFullException.class) ? "1 rejected" : "0 rejected"),
					hits, List.of(), this.circuits.state("embedding-bare"),
					"released both callers at timeout.attempt (" + limit.toMillis() + "ms, slowest in " + slowest
							+ "ms) though the client has no timeout; while their " + places + " abandoned requests "
							+ "still hung, holding the bulkhead's " + heldPlaces + " places, the third concurrent call "
							+ "was rejected in " + third.elapsed().toMillis() + "ms without reaching the server; "
							+ "when the server answered, the places came back (" + placesAfter + " held)",
					held);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the case ran", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a caller of the case failed unexpectedly", ex.getCause());
		}
		finally {
			this.gate.open();
			callers.shutdownNow();
		}
	}

	/** Waits up to the hang's slack for the abandoned attempts to end; returns the places still held. */
	private int awaitPlacesFree(String policy) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMillis(5 * EmbeddingScenario.ATTEMPT_SLACK_MILLIS).toNanos();
		int held = this.bulkheads.calls(policy);
		while (held > 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
			held = this.bulkheads.calls(policy);
		}
		return held;
	}

}
