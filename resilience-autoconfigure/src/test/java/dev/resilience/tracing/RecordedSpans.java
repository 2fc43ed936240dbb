package dev.resilience.tracing;

import java.util.Comparator;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;

import static org.assertj.core.api.Assertions.assertThat;

/** What the tracing tests read from micrometer-tracing-test's in-memory tracer and registry. */
public final class RecordedSpans {

	private RecordedSpans() {
	}

	/** The one span named {@code name}; fails when there are none or more. */
	public static SimpleSpan only(SimpleTracer tracer, String name) {
		List<SimpleSpan> spans = named(tracer, name);
		assertThat(spans).as("spans named %s", name).hasSize(1);
		return spans.get(0);
	}

	/** The spans named {@code name}, by their {@code attempt} tag, then by when they started. */
	public static List<SimpleSpan> named(SimpleTracer tracer, String name) {
		return tracer.getSpans()
			.stream()
			.filter((span) -> name.equals(span.getName()))
			.sorted(Comparator.comparing((SimpleSpan span) -> span.getTags().getOrDefault("attempt", ""))
				.thenComparing(SimpleSpan::getStartTimestamp))
			.toList();
	}

	/** Records the name of every observation started in the application's registry. */
	public static ObservationHandler<Observation.Context> recording(List<String> names) {
		return new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				names.add(context.getName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		};
	}

}
