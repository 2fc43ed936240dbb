package dev.resilience.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;

/**
 * The observation context of one attempt: its number, for the HTTP client observations made
 * inside it ({@code http.request.resend_count}).
 */
public final class AttemptContext extends Observation.Context {

	private final int attempt;

	AttemptContext(int attempt) {
		this.attempt = attempt;
	}

	/** 1 for the first attempt. */
	public int attempt() {
		return this.attempt;
	}

	/** The attempt that {@code observation} is part of (itself, or an ancestor), or {@code null}. */
	public static AttemptContext enclosing(ObservationView observation) {
		for (ObservationView current = observation; current != null; current = current.getContextView()
			.getParentObservation()) {
			if (current.getContextView() instanceof AttemptContext attempt) {
				return attempt;
			}
		}
		return null;
	}

}
