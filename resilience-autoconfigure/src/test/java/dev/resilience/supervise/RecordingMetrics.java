package dev.resilience.supervise;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the outcomes every connection reports. */
final class RecordingMetrics implements SupervisedMetricsFactory {

	private final List<SessionOutcome> outcomes = new CopyOnWriteArrayList<>();

	@Override
	public SupervisedMetrics create(SupervisedConnection connection) {
		return new SupervisedMetrics() {

			@Override
			public void sessionEnded(SessionOutcome outcome) {
				RecordingMetrics.this.outcomes.add(outcome);
			}

		};
	}

	List<SessionOutcome> outcomes() {
		return this.outcomes;
	}

}
