package dev.resilience.circuit;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one policy. It records attempts, not calls, and never throws for an
 * open circuit itself: the caller asks {@link #tryAcquirePermission()} before each attempt,
 * throws {@code dev.resilience.CircuitOpenException} with {@link #retryAt()} when refused, and
 * otherwise reports exactly one of {@link #onSuccess}, {@link #onFailure} or
 * {@link #onIgnored()} for the attempt.
 *
 * <p>What the caller reports:
 * <ul>
 * <li>{@link #onSuccess} for a success <em>and for a permanent failure</em>: the dependency
 * answered, so it is healthy; the call itself was wrong (a 404, a bad argument), and counting
 * that against the dependency would open its circuit for everybody;</li>
 * <li>{@link #onFailure} for a transient failure;</li>
 * <li>{@link #onIgnored()} for a {@code classifier.ignore} outcome or an abandoned attempt: left
 * out of the window, and a half-open permit is returned.</li>
 * </ul>
 * Durations are measured by the caller; an attempt at least the slow-call duration threshold
 * long counts as slow, whether it succeeded or not. The wait in open state and the time-based
 * window run on a monotonic clock, so a step of the wall clock changes neither; the wall clock
 * only dates {@link #retryAt()}.
 *
 * <p>The state is one {@link AtomicReference} to an immutable state object, moved only along
 * the transitions of {@link Transitions} by compare-and-set; the listener call and the INFO log
 * line of a transition happen once, after the compare-and-set succeeded. Reading the state and
 * the closed happy path ({@code tryAcquirePermission} then {@code onSuccess}) take no lock and
 * allocate nothing with a count-based window. Thread-safe.
 */
public final class CircuitBreaker {

	private static final Logger logger = LoggerFactory.getLogger(CircuitBreaker.class);

	private final String policy;

	private volatile CircuitBreakerConfig config;

	private final Clock clock;

	private final LongSupplier nanoClock;

	private final TransitionListener listener;

	private volatile Thresholds thresholds;

	private final AtomicReference<BreakerState> state;

	/**
	 * A breaker whose intervals are measured on {@code clock} itself: for a clock that never steps,
	 * such as a test's that it moves by hand. Applications use the constructor with a monotonic
	 * clock.
	 */
	public CircuitBreaker(String policy, CircuitBreakerConfig config, Clock clock, TransitionListener listener) {
		this(policy, config, clock, () -> clock.millis() * 1_000_000L, listener);
	}

	/**
	 * A breaker in state closed, or disabled when {@code config.enabled()} is {@code false}.
	 * @param policy the policy name, used in logs, the listener and messages
	 * @param config the settings
	 * @param clock the wall clock, only to date {@link #retryAt()}
	 * @param nanoClock monotonic nanoseconds ({@code System::nanoTime}): the open wait and the
	 * time-based window
	 * @param listener told of every transition
	 */
	public CircuitBreaker(String policy, CircuitBreakerConfig config, Clock clock, LongSupplier nanoClock,
			TransitionListener listener) {
		this.policy = Objects.requireNonNull(policy, "policy must not be null");
		this.config = Objects.requireNonNull(config, "config must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock must not be null");
		this.listener = Objects.requireNonNull(listener, "listener must not be null");
		checkLimits(policy, config);
		this.thresholds = new Thresholds(config);
		this.state = new AtomicReference<>(initialState(config));
	}

	private BreakerState initialState(CircuitBreakerConfig config) {
		return switch (config.forcedState()) {
			case FORCED_OPEN -> new ForcedOpenState();
			case DISABLED -> new DisabledState(this.clock);
			case NONE -> config.enabled() ? new ClosedState(this) : new DisabledState(this.clock);
		};
	}

	/**
	 * Applies new settings (live configuration) and keeps the state, its window and counts: new
	 * thresholds judge the next record; a new wait or number of trials applies from the next
	 * opening. A changed window type or size starts a fresh window if the circuit is closed. A
	 * changed {@code forcedState} moves the circuit at once ({@link ForcedState#NONE} releases it
	 * to closed, or disabled when the breaker is not enabled); otherwise a changed
	 * {@code enabled} moves it to closed or disabled.
	 * @throws IllegalArgumentException if the settings pass the breaker's limits (nothing changes)
	 */
	public void reconfigure(CircuitBreakerConfig next) {
		Objects.requireNonNull(next, "next must not be null");
		checkLimits(this.policy, next);
		CircuitBreakerConfig previous = this.config;
		this.thresholds = new Thresholds(next);
		this.config = next;
		if (next.forcedState() != previous.forcedState()) {
			transitionTo(switch (next.forcedState()) {
				case FORCED_OPEN -> CircuitState.FORCED_OPEN;
				case DISABLED -> CircuitState.DISABLED;
				case NONE -> next.enabled() ? CircuitState.CLOSED : CircuitState.DISABLED;
			});
		}
		else if (next.forcedState() != ForcedState.NONE) {
			return;
		}
		else if (next.enabled() != previous.enabled()) {
			transitionTo(next.enabled() ? CircuitState.CLOSED : CircuitState.DISABLED);
		}
		else if (next.windowDiffers(previous)) {
			BreakerState current = this.state.get();
			if (current instanceof ClosedState) {
				transition(current, new ClosedState(this));
			}
		}
	}

	/** The limits of the breaker's packed counters, beyond any sensible setting. */
	private static void checkLimits(String policy, CircuitBreakerConfig config) {
		if (config.windowType() == WindowType.COUNT_BASED && config.slidingWindowSize() > CountBasedWindow.MAX_SIZE) {
			throw new IllegalArgumentException("The circuit breaker of policy '" + policy
					+ "' cannot hold a count-based window of more than " + CountBasedWindow.MAX_SIZE + " calls");
		}
		if (config.permittedCallsInHalfOpenState() > HalfOpenState.MAX_PERMITTED) {
			throw new IllegalArgumentException("The circuit breaker of policy '" + policy
					+ "' cannot permit more than " + HalfOpenState.MAX_PERMITTED + " calls in half-open state");
		}
	}

	public String policy() {
		return this.policy;
	}

	public CircuitBreakerConfig config() {
		return this.config;
	}

	/**
	 * Asks to let one attempt through.
	 * @return {@code true}: the attempt may go to the method and must be followed by exactly one
	 * of {@link #onSuccess}, {@link #onFailure} or {@link #onIgnored()}; {@code false}: rejected
	 */
	public boolean tryAcquirePermission() {
		return this.state.get().tryAcquirePermission();
	}

	/**
	 * The attempt succeeded, or failed permanently (the dependency answered).
	 * @param durationNanos how long the attempt took, measured by the caller
	 */
	public void onSuccess(long durationNanos) {
		this.state.get().onResult(this.thresholds.outcome(false, durationNanos));
	}

	/**
	 * The attempt failed transiently.
	 * @param durationNanos how long the attempt took, measured by the caller
	 */
	public void onFailure(long durationNanos) {
		this.state.get().onResult(this.thresholds.outcome(true, durationNanos));
	}

	/** The outcome is not recorded (ignored, or the attempt was abandoned); returns a half-open permit. */
	public void onIgnored() {
		this.state.get().onIgnored();
	}

	/**
	 * When the circuit may next let a call through: for an open circuit, the time it opened plus
	 * the wait in open state; {@code null} when forced open; now in the other states.
	 */
	public Instant retryAt() {
		return this.state.get().retryAt();
	}

	/** {@link #retryAt()} of the state now, worked out when asked: a refused call's rejection carries it. */
	public Supplier<Instant> retryTime() {
		return this.state.get().retryTime();
	}

	public CircuitState state() {
		return this.state.get().state();
	}

	/** The failure rate in percent, {@code -1} while fewer than the minimum number of calls are buffered. */
	public float failureRate() {
		WindowTotals totals = this.state.get().totals();
		return this.thresholds.reported(totals.failures(), totals.calls());
	}

	/** The slow-call rate in percent, {@code -1} while fewer than the minimum number of calls are buffered. */
	public float slowCallRate() {
		WindowTotals totals = this.state.get().totals();
		return this.thresholds.reported(totals.slowCalls(), totals.calls());
	}

	/**
	 * The calls the current state counts, which the rates are taken over: the window when
	 * closed, the calls that opened it when open, the finished trials when half-open, none when
	 * forced open or disabled.
	 */
	public int bufferedCalls() {
		long calls = this.state.get().totals().calls();
		return (int) Math.max(0, Math.min(Integer.MAX_VALUE, calls));
	}

	/**
	 * Moves the circuit by hand (actuator): {@link CircuitState#CLOSED} (always with a fresh,
	 * empty window, even when already closed), {@link CircuitState#FORCED_OPEN} or
	 * {@link CircuitState#DISABLED}. Moving to the current state is not a transition: the
	 * listener is not told (a reset of a closed circuit is logged).
	 * @param target the state to move to
	 * @throws IllegalArgumentException for any other target
	 */
	public void transitionTo(CircuitState target) {
		Objects.requireNonNull(target, "target must not be null");
		if (!Transitions.MANUAL_TARGETS.contains(target)) {
			throw new IllegalArgumentException("The circuit of policy '" + this.policy + "' cannot be moved to "
					+ target + " by hand; allowed states: " + Transitions.MANUAL_TARGETS);
		}
		BreakerState current;
		do {
			current = this.state.get();
			if (current.state() == target && target != CircuitState.CLOSED) {
				return;
			}
		}
		while (!transition(current, newState(target)));
	}

	private BreakerState newState(CircuitState target) {
		return switch (target) {
			case CLOSED -> new ClosedState(this);
			case FORCED_OPEN -> new ForcedOpenState();
			case DISABLED -> new DisabledState(this.clock);
			default -> throw new IllegalArgumentException("Not a manual target: " + target);
		};
	}

	/**
	 * Moves from {@code from} to {@code to} if {@code from} is still current, then (only then)
	 * logs and tells the listener.
	 * @return whether this call made the move
	 */
	boolean transition(BreakerState from, BreakerState to) {
		if (!Transitions.isLegal(from.state(), to.state())) {
			throw new IllegalStateException("Illegal circuit transition " + from.state() + " -> " + to.state());
		}
		if (!this.state.compareAndSet(from, to)) {
			return false;
		}
		TransitionLog.log(this.policy, from.state(), to);
		if (from.state() != to.state()) {
			notifyListener(from.state(), to.state());
		}
		return true;
	}

	private void notifyListener(CircuitState from, CircuitState to) {
		try {
			this.listener.onTransition(this.policy, from, to);
		}
		catch (RuntimeException ex) {
			logger.warn("Transition listener of policy '" + this.policy + "' failed", ex);
		}
	}

	Clock clock() {
		return this.clock;
	}

	/** Monotonic nanoseconds: only differences mean anything. */
	long nanos() {
		return this.nanoClock.getAsLong();
	}

	Thresholds thresholds() {
		return this.thresholds;
	}

}
