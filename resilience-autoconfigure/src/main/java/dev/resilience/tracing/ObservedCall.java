package dev.resilience.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.resilience.policy.AttemptOutcome;
import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.CallTrace;

/**
 * The spans of one call: {@code resilience.call} (tags {@code policy}, {@code outcome}) and, one
 * at a time, its {@code resilience.attempt} children (tags {@code policy}, {@code attempt},
 * {@code outcome}, {@code exception}: a simple class name, never a message; {@code wait} on a
 * retry: the wait before it). Each is current from its start to its end on the thread that runs
 * the call. Not thread-safe: one per call.
 */
final class ObservedCall implements CallTrace {

	static final String CALL = "resilience.call";

	static final String ATTEMPT = "resilience.attempt";

	private final String policy;

	private final ObservationRegistry registry;

	private final Observation call;

	private final Observation.Scope callScope;

	private Observation attempt;

	private Observation.Scope attemptScope;

	ObservedCall(String policy, ObservationRegistry registry) {
		this.policy = policy;
		this.registry = registry;
		this.call = Observation.createNotStarted(CALL, registry).lowCardinalityKeyValue("policy", policy).start();
		this.callScope = this.call.openScope();
		startAttempt(1, null);
	}

	@Override
	public void firstAttemptSucceeded() {
		attemptEnded(AttemptOutcome.SUCCESS, null);
		callEnded(CallOutcome.SUCCESS);
	}

	@Override
	public void attemptStarted(int attempt, String wait) {
		startAttempt(attempt, wait);
	}

	@Override
	public void attemptEnded(AttemptOutcome outcome, Throwable failure) {
		Observation attempt = this.attempt;
		if (attempt == null) {
			return;
		}
		this.attempt = null;
		attempt.lowCardinalityKeyValue("outcome", outcome.tagValue());
		attempt.lowCardinalityKeyValue("exception", (failure != null) ? failure.getClass().getSimpleName() : "none");
		this.attemptScope.close();
		attempt.stop();
	}

	@Override
	public void callEnded(CallOutcome outcome) {
		this.call.lowCardinalityKeyValue("outcome", outcome.tagValue());
		this.callScope.close();
		this.call.stop();
	}

	private void startAttempt(int number, String wait) {
		AttemptContext context = new AttemptContext(number);
		Observation attempt = Observation.createNotStarted(ATTEMPT, () -> context, this.registry)
			.parentObservation(this.call)
			.lowCardinalityKeyValue("policy", this.policy)
			.lowCardinalityKeyValue("attempt", Integer.toString(number));
		if (wait != null) {
			attempt.highCardinalityKeyValue("wait", wait);
		}
		this.attempt = attempt.start();
		this.attemptScope = attempt.openScope();
	}

}
