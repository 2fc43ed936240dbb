package dev.resilience.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.resilience.circuit.CircuitState;
import dev.resilience.classify.Verdict;

/**
 * The last {@value #CAPACITY} events of one policy, for {@code /actuator/resilience/{policy}/events}:
 * failed attempts, scheduled retries, ends of calls that had a failure or a rejection, circuit
 * transitions, rejections, refused retries. Written only on failure paths and transitions, never
 * by a call whose first attempt succeeds. Each event holds simple class names and the starter's own
 * reasons, never an exception's message. Lock-free: a writer takes the next sequence number and
 * overwrites the oldest slot. Thread-safe.
 */
public final class RecentEvents {

	/** How many events a policy keeps. */
	public static final int CAPACITY = 100;

	/** {@code rejected} reasons. */
	public static final String CIRCUIT_OPEN = "circuit-open";

	public static final String BULKHEAD_FULL = "bulkhead-full";

	public static final String SERVER_PAUSE = "server-pause";

	private static final Object[] CIRCUIT_OPEN_PARTS = { "reason", CIRCUIT_OPEN };

	private static final Object[] BULKHEAD_FULL_PARTS = { "reason", BULKHEAD_FULL };

	private static final Object[] SERVER_PAUSE_PARTS = { "reason", SERVER_PAUSE };

	private final AtomicReferenceArray<Event> slots = new AtomicReferenceArray<>(CAPACITY);

	private final AtomicLong written = new AtomicLong();

	private final Clock clock;

	/** @param clock wall-clock time of each event */
	public RecentEvents(Clock clock) {
		this.clock = clock;
	}

	/** Attempt {@code attempt} failed. */
	public void attemptFailed(int attempt, Verdict verdict, Throwable failure) {
		add("attempt-failed", "attempt", attempt, "classification",
				verdict.classification().name().toLowerCase(Locale.ROOT), "exception",
				failure.getClass().getSimpleName());
	}

	/**
	 * Attempt {@code attempt} (2 or later) will run after {@code wait}.
	 * @param wait as the retry log writes it ({@code "250ms"})
	 */
	public void retryScheduled(int attempt, String wait) {
		add("retry-scheduled", "attempt", attempt, "wait", wait);
	}

	/** A call that had a failure or a rejection ended. */
	public void callEnded(CallOutcome outcome, int attempts, String reason) {
		add("call-ended", "outcome", outcome.tagValue(), "attempts", attempts, "reason", reason);
	}

	/** The circuit moved. */
	public void circuitTransition(CircuitState from, CircuitState to) {
		add("circuit-transition", "from", from.tagValue(), "to", to.tagValue());
	}

	/**
	 * An attempt was refused without running.
	 * @param reason {@link #CIRCUIT_OPEN}, {@link #BULKHEAD_FULL} or {@link #SERVER_PAUSE}
	 */
	public void rejected(String reason) {
		// The parts are constants: under an outage most events are these.
		add("rejected", switch (reason) {
			case CIRCUIT_OPEN -> CIRCUIT_OPEN_PARTS;
			case BULKHEAD_FULL -> BULKHEAD_FULL_PARTS;
			case SERVER_PAUSE -> SERVER_PAUSE_PARTS;
			default -> new Object[] { "reason", reason };
		});
	}

	/** The retry budget refused attempt {@code attempt}. */
	public void budgetRefused(int attempt) {
		add("budget-refused", "attempt", attempt);
	}

	/**
	 * The kept events, oldest first, each a map with {@code time} (an ISO-8601 instant),
	 * {@code type} and the type's fields.
	 */
	public List<Map<String, Object>> list() {
		List<Event> events = new ArrayList<>(CAPACITY);
		for (int i = 0; i < CAPACITY; i++) {
			Event event = this.slots.get(i);
			if (event != null) {
				events.add(event);
			}
		}
		events.sort(Comparator.comparingLong(Event::sequence));
		List<Map<String, Object>> list = new ArrayList<>(events.size());
		for (Event event : events) {
			list.add(event.fields());
		}
		return list;
	}

	/**
	 * Keeps the event's parts and its time in milliseconds; its map is built only when the endpoint
	 * asks (§7: frequent under an outage). The slot is written without a fence: a reader sees it a
	 * moment later at worst.
	 */
	private void add(String type, Object... keysAndValues) {
		long sequence = this.written.getAndIncrement();
		this.slots.lazySet((int) (sequence % CAPACITY), new Event(sequence, this.clock.millis(), type, keysAndValues));
	}

	private record Event(long sequence, long epochMillis, String type, Object[] keysAndValues) {

		Map<String, Object> fields() {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("time", Instant.ofEpochMilli(this.epochMillis).toString());
			fields.put("type", this.type);
			for (int i = 0; i < this.keysAndValues.length; i += 2) {
				fields.put((String) this.keysAndValues[i], this.keysAndValues[i + 1]);
			}
			return Collections.unmodifiableMap(fields);
		}

	}

}
