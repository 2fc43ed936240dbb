package dev.resilience.retry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The server-driven pause of a policy, on a clock the test moves. */
class ServerPauseTests {

	private static final long SECOND = 1_000_000_000L;

	private static final Instant WALL = Instant.parse("2026-12-01T10:00:00Z");

	private final AtomicLong nanos = new AtomicLong(-5 * SECOND);

	private final ServerPause pause = new ServerPause(this.nanos::get, Clock.fixed(WALL, ZoneOffset.UTC));

	private final Object owner = new Object();

	private final Object other = new Object();

	@Test
	void holdsNothingUntilAServerAsks() {
		assertThat(this.pause.holdsNewCall()).isFalse();
		assertThat(this.pause.holdFor(this.other, this.nanos.get())).isZero();
		assertThat(this.pause.pausedUntil()).isNull();
	}

	@Test
	void rejectsNewCallsUntilTheServersTime() {
		long now = this.nanos.get();
		this.pause.pause(this.owner, now, 10 * SECOND);
		assertThat(this.pause.holdsNewCall()).isTrue();
		assertThat(this.pause.retryAt()).isEqualTo(WALL.plusSeconds(10));
		assertThat(this.pause.pausedUntil()).isEqualTo(WALL.plusSeconds(10));
		this.nanos.set(now + 10 * SECOND - 1);
		assertThat(this.pause.holdsNewCall()).isTrue();
		this.nanos.set(now + 10 * SECOND);
		assertThat(this.pause.holdsNewCall()).isFalse();
		assertThat(this.pause.pausedUntil()).isNull();
		assertThat(this.pause.holdFor(this.other, now + 10 * SECOND)).as("others' retries still held")
			.isEqualTo(ServerPause.FIRST_GOES_AHEAD_NANOS);
		this.nanos.set(now + 10 * SECOND + ServerPause.FIRST_GOES_AHEAD_NANOS);
		assertThat(this.pause.holdsNewCall()).isFalse();
		assertThat(this.pause.holdFor(this.other, this.nanos.get())).isZero();
	}

	@Test
	void holdsOtherCallsRetriesALittlePastTheServersTimeAndNotTheReceivingCall() {
		long now = this.nanos.get();
		this.pause.pause(this.owner, now, 10 * SECOND);
		assertThat(this.pause.holdFor(this.owner, now + SECOND)).isZero();
		assertThat(this.pause.holdFor(this.other, now + SECOND))
			.isEqualTo(9 * SECOND + ServerPause.FIRST_GOES_AHEAD_NANOS);
		assertThat(this.pause.holdFor(this.other, now + 11 * SECOND)).isZero();
	}

	@Test
	void aLaterPauseReplacesAnEarlierOneAndAnEarlierOneNeverShortensIt() {
		long now = this.nanos.get();
		this.pause.pause(this.owner, now, 10 * SECOND);
		this.pause.pause(this.other, now + SECOND, 2 * SECOND);
		this.nanos.set(now + 9 * SECOND);
		assertThat(this.pause.holdsNewCall()).isTrue();
		assertThat(this.pause.holdFor(this.owner, now + SECOND)).isZero();
		this.pause.pause(this.other, now + 2 * SECOND, 20 * SECOND);
		assertThat(this.pause.holdFor(this.owner, now + 2 * SECOND))
			.as("the first call is not the owner any more")
			.isEqualTo(20 * SECOND + ServerPause.FIRST_GOES_AHEAD_NANOS);
	}

}
