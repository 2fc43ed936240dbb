package dev.resilience.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import dev.resilience.Supervised.State;
import dev.resilience.supervise.SessionOutcome;
import dev.resilience.supervise.SupervisedConnection;
import dev.resilience.supervise.SupervisedMetrics;
import dev.resilience.supervise.SupervisedMetricsFactory;

/**
 * The meters of supervised connections: {@code resilience.supervised.state} (a gauge per state,
 * 1 for the current one) and {@code resilience.supervised.sessions} (a counter per outcome),
 * tagged {@code policy} and {@code name}; registered once per connection, before its thread starts.
 */
public final class SupervisedMeters implements SupervisedMetricsFactory {

	private final MeterRegistry registry;

	public SupervisedMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public SupervisedMetrics create(SupervisedConnection connection) {
		Tags tags = Tags.of("policy", connection.policy(), "name", connection.name());
		List<Meter> meters = new ArrayList<>();
		for (State state : State.values()) {
			meters.add(Gauge.builder("resilience.supervised.state", connection, (c) -> (c.state() == state) ? 1 : 0)
				.tags(tags)
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.description("1 for the supervised connection's current state, 0 for the others")
				.register(this.registry));
		}
		Map<SessionOutcome, Counter> sessions = new EnumMap<>(SessionOutcome.class);
		for (SessionOutcome outcome : SessionOutcome.values()) {
			Counter counter = Counter.builder("resilience.supervised.sessions")
				.tags(tags)
				.tag("outcome", outcome.tagValue())
				.description("Ended connections of a supervised connection, by how they ended")
				.register(this.registry);
			sessions.put(outcome, counter);
			meters.add(counter);
		}
		return new Meters(this.registry, sessions, meters);
	}

	private static final class Meters implements SupervisedMetrics {

		private final MeterRegistry registry;

		private final Map<SessionOutcome, Counter> sessions;

		private final List<Meter> all;

		Meters(MeterRegistry registry, Map<SessionOutcome, Counter> sessions, List<Meter> all) {
			this.registry = registry;
			this.sessions = sessions;
			this.all = all;
		}

		@Override
		public void sessionEnded(SessionOutcome outcome) {
			this.sessions.get(outcome).increment();
		}

		@Override
		public void close() {
			this.all.forEach(this.registry::remove);
		}

	}

}
