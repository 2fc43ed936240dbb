package dev.resilience.circuit;

/**
 * Told of each change of a circuit's state, once, after the change took effect. Called on the
 * thread that made the change; must be quick and must not throw (what it throws is logged and
 * dropped).
 */
@FunctionalInterface
public interface TransitionListener {

	/** A listener that does nothing. */
	TransitionListener NONE = (policy, from, to) -> {
	};

	/**
	 * The circuit of {@code policy} moved from {@code from} to {@code to}.
	 * @param policy the policy name
	 * @param from the state left
	 * @param to the state entered, never equal to {@code from}
	 */
	void onTransition(String policy, CircuitState from, CircuitState to);

}
