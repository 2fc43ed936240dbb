package dev.resilience.circuit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test moves by hand. A one-shot hook run on the next read lets a test act in the
 * middle of the code under test, between its clock read and what follows.
 */
final class MutableClock extends Clock {

	static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(START);

	private final AtomicReference<Runnable> onNextRead = new AtomicReference<>();

	void advance(Duration duration) {
		this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	void set(Instant instant) {
		this.now.set(instant);
	}

	/** Runs {@code hook} once, on the next read of this clock, before the read returns. */
	void onNextRead(Runnable hook) {
		this.onNextRead.set(hook);
	}

	@Override
	public Instant instant() {
		Runnable hook = this.onNextRead.getAndSet(null);
		if (hook != null) {
			hook.run();
		}
		return this.now.get();
	}

	@Override
	public long millis() {
		return instant().toEpochMilli();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("A test clock stays in UTC");
	}

}
