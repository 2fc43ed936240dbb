package dev.resilience.supervise;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.resilience.Supervised;
import dev.resilience.policy.Policy;

/**
 * One supervised connection: its handle, and what the actuator shows of it (state, consecutive
 * failures, last failure, next attempt). Written by its supervisor thread only, read by any;
 * thread-safe.
 */
public final class SupervisedConnection implements Supervised {

	private final String name;

	private final Policy policy;

	private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);

	private volatile int consecutiveFailures;

	private volatile String lastFailure;

	private volatile Instant nextAttemptAt;

	private volatile boolean stopRequested;

	/** Set by its thread as it ends, before {@link #onEnd} is told. */
	private volatile boolean ended;

	/** Told when the thread has ended, and again when stopped after that (may be told twice). */
	private final Consumer<SupervisedConnection> onEnd;

	private volatile Thread thread;

	private SupervisedMetrics metrics = SupervisedMetrics.NONE;

	SupervisedConnection(String name, Policy policy, Consumer<SupervisedConnection> onEnd) {
		this.name = name;
		this.policy = policy;
		this.onEnd = onEnd;
	}

	/** The connection's name, unique in the application. */
	public String name() {
		return this.name;
	}

	/** The name of the policy whose settings and classifier it uses. */
	public String policy() {
		return this.policy.name();
	}

	Policy policyObject() {
		return this.policy;
	}

	@Override
	public State state() {
		return this.state.get();
	}

	/** Consecutive ends before stable-after since the last stable connection. */
	public int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	/**
	 * The last failure, like {@code "ConnectException: Connection refused"} (the innermost cause),
	 * or a short account of an early end; {@code null} when the last session was stable.
	 */
	public String lastFailure() {
		return this.lastFailure;
	}

	/** When the current wait ends, or {@code null} when not waiting (or a custom backoff decides). */
	public Instant nextAttemptAt() {
		return this.nextAttemptAt;
	}

	/** Stops it; once its thread has ended it is forgotten (gone from the endpoint, meters removed). */
	@Override
	public void stop() {
		this.stopRequested = true;
		Thread running = this.thread;
		if (running != null) {
			running.interrupt();
		}
		// Either this sees the end, or the ending thread sees the stop request: both are volatile.
		if (this.ended) {
			this.onEnd.accept(this);
		}
	}

	@Override
	public boolean awaitStopped(Duration timeout) {
		Thread running = this.thread;
		if (running == Thread.currentThread()) {
			return false;
		}
		long nanos = timeout.toNanos();
		if (running != null && nanos > 0) {
			try {
				TimeUnit.NANOSECONDS.timedJoin(running, nanos);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return isFinished();
	}

	/** Whether its thread has ended (or never started). */
	boolean isFinished() {
		Thread running = this.thread;
		return running == null || !running.isAlive();
	}

	boolean stopRequested() {
		return this.stopRequested;
	}

	SupervisedMetrics metrics() {
		return this.metrics;
	}

	/** Set once, before the thread starts. */
	void bindMetrics(SupervisedMetrics metrics) {
		this.metrics = metrics;
	}

	void start(Runnable loop) {
		Runnable body = () -> {
			try {
				loop.run();
			}
			finally {
				this.ended = true;
				this.onEnd.accept(this);
			}
		};
		Thread started = new Thread(body, "resilience-supervised-" + this.name);
		started.setDaemon(true);
		this.thread = started;
		started.start();
	}

	void moveTo(State next) {
		this.state.set(next);
	}

	/** The session reported the connection up; ignored unless it is connecting. */
	void connected() {
		this.state.compareAndSet(State.CONNECTING, State.CONNECTED);
	}

	void ended(int consecutiveFailures, String lastFailure) {
		this.consecutiveFailures = consecutiveFailures;
		this.lastFailure = lastFailure;
	}

	void waitingUntil(Instant nextAttemptAt) {
		this.nextAttemptAt = nextAttemptAt;
		this.state.set(State.WAITING);
	}

	void waitOver() {
		this.nextAttemptAt = null;
	}

	@Override
	public String toString() {
		return "Supervised connection '" + this.name + "' (policy '" + policy() + "')";
	}

}
