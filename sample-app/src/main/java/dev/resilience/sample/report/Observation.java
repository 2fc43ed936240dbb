package dev.resilience.sample.report;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.resilience.sample.downstream.Hit;
import dev.resilience.sample.downstream.MisbehavingServer;

/**
 * One call watched from both ends: how it ended for the caller, and what reached the server's
 * route meanwhile.
 *
 * @param result how the call ended
 * @param hits the requests the route saw, in arrival order
 */
public record Observation(CallResult result, List<Hit> hits) {

	/** Forgets the route's earlier requests, makes the call and collects what reached the route. */
	public static Observation of(MisbehavingServer server, String path, Callable<?> call) {
		server.reset(path);
		CallResult result = CallResult.of(call);
		return new Observation(result, server.hits(path));
	}

	public int attempts() {
		return this.hits.size();
	}

	/** The pauses between requests that the server answered at once. */
	public List<Long> pauses() {
		return Pauses.between(this.hits);
	}

	/** The pauses between requests, where a request that hung ended at {@code clientTimeout}. */
	public List<Long> pauses(Duration clientTimeout) {
		return Pauses.between(this.hits, clientTimeout);
	}

	/** When the last request arrived, after the first. */
	public Duration lastArrival() {
		return this.hits.isEmpty() ? Duration.ZERO
				: Duration.ofNanos(this.hits.get(this.hits.size() - 1).arrivedNanos() - this.hits.get(0).arrivedNanos());
	}

	public String outcome() {
		return this.result.outcome(attempts());
	}

}
