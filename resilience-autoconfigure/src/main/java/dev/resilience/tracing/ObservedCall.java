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
 * retry: the wait before it). Each is current on the thread that started it until it ends there
 * or that thread {@linkplain #detach() leaves}; a scope is only ever closed on the thread that
 * opened it. Once {@linkplain #handOverScopes() handed over}, only the driver's
 * {@link #enterAttempt()} makes an attempt current. Not thread-safe: one per call, used by one
 * thread at a time.
 */
final class ObservedCall implements CallTrace {

	static final String CALL = "resilience.call";

	static final String ATTEMPT = "resilience.attempt";

	private final String policy;

	private final ObservationRegistry registry;

	private final Observation call;

	private Observation.Scope callScope;

	private Observation attempt;

	private Observation.Scope attemptScope;

	/** The thread on which the open scopes were opened, or {@code null} when none is open. */
	private Thread scopeThread;

	/** Whether the driver makes attempts current itself ({@link #handOverScopes()}). */
	private boolean handedOver;

	ObservedCall(String policy, ObservationRegistry registry) {
		this.policy = policy;
		this.registry = registry;
		this.call = Observation.createNotStarted(CALL, registry).lowCardinalityKeyValue("policy", policy).start();
		this.callScope = this.call.openScope();
		this.scopeThread = Thread.currentThread();
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
		if (onScopeThread()) {
			this.attemptScope = close(this.attemptScope);
		}
		attempt.stop();
	}

	@Override
	public void detach() {
		if (onScopeThread()) {
			this.attemptScope = close(this.attemptScope);
			this.callScope = close(this.callScope);
			this.scopeThread = null;
		}
	}

	@Override
	public void callEnded(CallOutcome outcome) {
		this.call.lowCardinalityKeyValue("outcome", outcome.tagValue());
		detach();
		this.call.stop();
	}

	@Override
	public void handOverScopes() {
		detach();
		this.handedOver = true;
	}

	@Override
	public Object enterAttempt() {
		Observation attempt = this.attempt;
		return (attempt != null) ? attempt.openScope() : null;
	}

	@Override
	public void exitAttempt(Object entered) {
		if (entered instanceof Observation.Scope scope) {
			scope.close();
		}
	}

	@Override
	public Object attemptObservation() {
		return this.attempt;
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
		if (this.handedOver) {
			// The failed attempt may still be entered on this thread (a retry subscribed at once,
			// inside its subscription): the tracer would take it for the parent.
			try (Observation.Scope scope = this.call.openScope()) {
				this.attempt = attempt.start();
			}
			return;
		}
		this.attempt = attempt.start();
		Thread current = Thread.currentThread();
		if (this.scopeThread == null || this.scopeThread == current) {
			this.attemptScope = attempt.openScope();
			this.scopeThread = current;
		}
	}

	private boolean onScopeThread() {
		return this.scopeThread == Thread.currentThread();
	}

	private static Observation.Scope close(Observation.Scope scope) {
		if (scope != null) {
			scope.close();
		}
		return null;
	}

}
