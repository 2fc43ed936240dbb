package dev.resilience.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MarkerIgnoringBase;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatLimitedLogTests {

	private final CapturingLogger logger = new CapturingLogger();

	private Instant now = Instant.parse("2026-11-23T09:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return RepeatLimitedLogTests.this.now;
		}

	};

	private final RepeatLimitedLog log = new RepeatLimitedLog(this.logger, Duration.ofSeconds(30),
			() -> this.clock.millis() * 1_000_000L);

	@Test
	void theIntervalIsMeasuredOnTheMonotonicClockSoAWallClockStepBackChangesNothing() {
		long[] nanos = { 0 };
		RepeatLimitedLog log = new RepeatLimitedLog(this.logger, Duration.ofSeconds(30), () -> nanos[0]);
		log.warn("same", () -> "payments failed");
		// The wall clock is set back an hour (NTP, a VM resumed): the monotonic clock only moves on.
		this.now = this.now.minusSeconds(3600);
		nanos[0] += Duration.ofSeconds(31).toNanos();
		log.warn("same", () -> "payments failed");
		assertThat(this.logger.lines).containsExactly("payments failed", "payments failed");
	}

	@Test
	void fiftyIdenticalWarningsWriteOneLineAndTheNextAfterTheIntervalCountsTheRest() {
		for (int i = 0; i < 50; i++) {
			this.log.warn("same", () -> "payments failed");
			this.now = this.now.plusMillis(100);
		}
		assertThat(this.logger.lines).containsExactly("payments failed");
		this.now = this.now.plusSeconds(30);
		this.log.warn("same", () -> "payments failed");
		assertThat(this.logger.lines).containsExactly("payments failed",
				"payments failed (49 identical warnings suppressed since the last)");
	}

	@Test
	void differentKeysAreWrittenIndependently() {
		this.log.warn("a", () -> "first");
		this.log.warn("b", () -> "second");
		this.log.warn("a", () -> "first again");
		assertThat(this.logger.lines).containsExactly("first", "second");
	}

	@Test
	void suppressedWarningsDoNotBuildTheirMessage() {
		this.log.warn("k", () -> "built");
		this.log.warn("k", () -> {
			throw new AssertionError("message built for a suppressed warning");
		});
		assertThat(this.logger.lines).hasSize(1);
	}

	/** A logger that keeps its WARN lines. */
	static class CapturingLogger extends MarkerIgnoringBase {

		final List<String> lines = new CopyOnWriteArrayList<>();

		@Override
		public boolean isWarnEnabled() {
			return true;
		}

		@Override
		public void warn(String msg) {
			this.lines.add(msg);
		}

		// @formatter:off
		@Override public boolean isTraceEnabled() { return false; }
		@Override public void trace(String msg) { }
		@Override public void trace(String format, Object arg) { }
		@Override public void trace(String format, Object arg1, Object arg2) { }
		@Override public void trace(String format, Object... arguments) { }
		@Override public void trace(String msg, Throwable t) { }
		@Override public boolean isDebugEnabled() { return false; }
		@Override public void debug(String msg) { }
		@Override public void debug(String format, Object arg) { }
		@Override public void debug(String format, Object arg1, Object arg2) { }
		@Override public void debug(String format, Object... arguments) { }
		@Override public void debug(String msg, Throwable t) { }
		@Override public boolean isInfoEnabled() { return false; }
		@Override public void info(String msg) { }
		@Override public void info(String format, Object arg) { }
		@Override public void info(String format, Object arg1, Object arg2) { }
		@Override public void info(String format, Object... arguments) { }
		@Override public void info(String msg, Throwable t) { }
		@Override public void warn(String format, Object arg) { }
		@Override public void warn(String format, Object... arguments) { }
		@Override public void warn(String format, Object arg1, Object arg2) { }
		@Override public void warn(String msg, Throwable t) { }
		@Override public boolean isErrorEnabled() { return false; }
		@Override public void error(String msg) { }
		@Override public void error(String format, Object arg) { }
		@Override public void error(String format, Object arg1, Object arg2) { }
		@Override public void error(String format, Object... arguments) { }
		@Override public void error(String msg, Throwable t) { }
		// @formatter:on

	}

}
