package dev.resilience.circuit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every transition it is told of, as {@code "policy: from -> to"}. */
final class RecordingListener implements TransitionListener {

	private final List<String> transitions = new CopyOnWriteArrayList<>();

	@Override
	public void onTransition(String policy, CircuitState from, CircuitState to) {
		this.transitions.add(policy + ": " + from.tagValue() + " -> " + to.tagValue());
	}

	List<String> transitions() {
		return this.transitions;
	}

}
