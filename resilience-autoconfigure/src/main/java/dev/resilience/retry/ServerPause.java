package dev.resilience.retry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * A policy's server-driven pause (§15, {@code retry.retry-after-scope: policy}): a 429 or 503
 * whose {@code Retry-After} asks not to come back before T holds the whole policy until T. New
 * calls are rejected until T; the call that received it (the pause's owner) retries at T, and
 * other calls' retries wait until 100ms after T, so that the owner reaches
 * the server first. A later pause replaces an earlier one; an earlier one never shortens a
 * later one.
 * <p>
 * The happy path reads one volatile field ({@link #holdsNewCall}) and, unless a pause is in
 * force or has just ended, nothing else: no clock read. Thread-safe.
 */
public final class ServerPause {

	/** How long after T other calls' retries wait, so that the receiving call goes first. */
	public static final long FIRST_GOES_AHEAD_NANOS = 100_000_000L;

	/** No pause is set. */
	private static final long NONE = Long.MIN_VALUE;

	private static final VarHandle UNTIL;

	static {
		try {
			UNTIL = MethodHandles.lookup().findVarHandle(ServerPause.class, "until", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final LongSupplier nanoClock;

	private final Clock clock;

	/** T on the nano clock, or {@link #NONE}. */
	private volatile long until = NONE;

	// Guarded by this.

	private Object owner;

	private Instant untilInstant;

	/**
	 * @param nanoClock monotonic time in nanoseconds, the clock the callers' times are on
	 * @param clock wall-clock time, for {@link #pausedUntil()} and rejections
	 */
	public ServerPause(LongSupplier nanoClock, Clock clock) {
		this.nanoClock = nanoClock;
		this.clock = clock;
	}

	/**
	 * Whether a call starting now must be rejected: one volatile read, and nothing else while no
	 * pause is set. The first call to find a pause over (and the other calls' retries released)
	 * clears it.
	 */
	public boolean holdsNewCall() {
		long until = this.until;
		if (until == NONE) {
			return false;
		}
		long now = this.nanoClock.getAsLong();
		if (now - until < 0) {
			return true;
		}
		if (now - Saturated.add(until, FIRST_GOES_AHEAD_NANOS) >= 0) {
			UNTIL.compareAndSet(this, until, NONE);
		}
		return false;
	}

	private boolean holds(long now) {
		long until = this.until;
		return until != NONE && now - until < 0;
	}

	/**
	 * Pauses the policy for {@code waitNanos} from {@code now} on behalf of {@code owner}, unless a
	 * pause that ends later is in force.
	 */
	public void pause(Object owner, long now, long waitNanos) {
		long until = Saturated.add(now, waitNanos);
		synchronized (this) {
			long current = this.until;
			if (current != NONE && current - now > 0 && until - current <= 0) {
				return;
			}
			this.owner = owner;
			this.untilInstant = instantAfter(waitNanos);
			this.until = (until == NONE) ? NONE + 1 : until;
		}
	}

	/**
	 * How much longer a retry of {@code asker} planned at {@code now} must wait: nothing for the
	 * pause's owner or when no pause holds, else until 100ms after T.
	 */
	public long holdFor(Object asker, long now) {
		long until = this.until;
		if (until == NONE) {
			return 0;
		}
		synchronized (this) {
			if (this.owner == asker) {
				return 0;
			}
			long hold = Saturated.add(this.until, FIRST_GOES_AHEAD_NANOS) - now;
			return Math.max(0, hold);
		}
	}

	/** T as a wall-clock instant while the pause holds new calls, else {@code null}. */
	public Instant pausedUntil() {
		synchronized (this) {
			return holds(this.nanoClock.getAsLong()) ? this.untilInstant : null;
		}
	}

	/** T, for the rejection of a call during the pause. */
	public Instant retryAt() {
		synchronized (this) {
			return (this.untilInstant != null) ? this.untilInstant : this.clock.instant();
		}
	}

	private Instant instantAfter(long waitNanos) {
		Instant now = this.clock.instant();
		return (waitNanos >= Long.MAX_VALUE / 2) ? Instant.MAX : now.plusNanos(waitNanos);
	}

}
