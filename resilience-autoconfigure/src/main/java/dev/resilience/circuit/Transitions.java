package dev.resilience.circuit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal moves between circuit states, written down as data. Automatic: closed to open, open
 * to half-open, half-open to closed or open. By hand ({@link #MANUAL_TARGETS}): any state to
 * closed (closed to closed clears the window), forced open or disabled.
 */
final class Transitions {

	/** The states a circuit may be moved to by hand. */
	static final Set<CircuitState> MANUAL_TARGETS = Collections
		.unmodifiableSet(EnumSet.of(CircuitState.CLOSED, CircuitState.FORCED_OPEN, CircuitState.DISABLED));

	private static final Map<CircuitState, Set<CircuitState>> LEGAL = new EnumMap<>(CircuitState.class);

	static {
		allow(CircuitState.CLOSED, CircuitState.OPEN);
		allow(CircuitState.OPEN, CircuitState.HALF_OPEN);
		allow(CircuitState.HALF_OPEN, CircuitState.CLOSED, CircuitState.OPEN);
		for (CircuitState from : CircuitState.values()) {
			for (CircuitState to : MANUAL_TARGETS) {
				if (from != to || to == CircuitState.CLOSED) {
					allow(from, to);
				}
			}
		}
	}

	private Transitions() {
	}

	private static void allow(CircuitState from, CircuitState... targets) {
		LEGAL.computeIfAbsent(from, (state) -> EnumSet.noneOf(CircuitState.class)).addAll(Set.of(targets));
	}

	static boolean isLegal(CircuitState from, CircuitState to) {
		return LEGAL.get(from).contains(to);
	}

}
