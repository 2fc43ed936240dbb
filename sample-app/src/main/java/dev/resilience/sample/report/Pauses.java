package dev.resilience.sample.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.resilience.sample.downstream.Hit;

/** The pauses between consecutive attempts, from what a server saw. */
public final class Pauses {

	private Pauses() {
	}

	/**
	 * From the end of each request to the arrival of the next, in milliseconds. A request the
	 * server never finished (it hung) is taken to have ended when the client gave up:
	 * {@code clientTimeout} after it arrived.
	 */
	public static List<Long> between(List<Hit> hits, Duration clientTimeout) {
		List<Long> pauses = new ArrayList<>();
		for (int i = 1; i < hits.size(); i++) {
			long ended = endOf(hits.get(i - 1), clientTimeout);
			pauses.add(Duration.ofNanos(hits.get(i).arrivedNanos() - ended).toMillis());
		}
		return pauses;
	}

	private static long endOf(Hit hit, Duration clientTimeout) {
		if (clientTimeout != null && (hit.answeredNanos() < 0
				|| hit.answeredNanos() - hit.arrivedNanos() >= clientTimeout.toNanos())) {
			return hit.arrivedNanos() + clientTimeout.toNanos();
		}
		return (hit.answeredNanos() >= 0) ? hit.answeredNanos() : hit.arrivedNanos();
	}

	/** From the end of each request to the arrival of the next, for requests the server answered. */
	public static List<Long> between(List<Hit> hits) {
		return between(hits, null);
	}

	/** The pauses between consecutive start times (attempts that failed at once), in milliseconds. */
	public static List<Long> betweenStarts(List<Long> startNanos) {
		List<Long> pauses = new ArrayList<>();
		for (int i = 1; i < startNanos.size(); i++) {
			pauses.add(Duration.ofNanos(startNanos.get(i) - startNanos.get(i - 1)).toMillis());
		}
		return pauses;
	}

}
