package dev.resilience.classify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC);

	@Test
	void parsesDeltaSeconds() {
		assertThat(RetryAfter.parse("120", CLOCK)).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void parsesZeroSeconds() {
		assertThat(RetryAfter.parse("0", CLOCK)).isEqualTo(Duration.ZERO);
	}

	@Test
	void ignoresSurroundingWhitespace() {
		assertThat(RetryAfter.parse(" 7 ", CLOCK)).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void saturatesSecondsTooLargeForALong() {
		assertThat(RetryAfter.parse("99999999999999999999999", CLOCK)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
	}

	@Test
	void parsesHttpDateAsTheWaitFromTheClock() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:30:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(150));
	}

	@Test
	void parsesHttpDateWithoutDayOfWeek() {
		assertThat(RetryAfter.parse("21 Oct 2026 07:28:10 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void treatsHttpDateInThePastAsNoWait() {
		assertThat(RetryAfter.parse("Tue, 20 Oct 2026 07:28:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
	}

	@Test
	void treatsHttpDateOfNowAsNoWait() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:28:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "  ", "-5", "+5", "1.5", "soon", "5s", "2026-10-21T07:30:00Z",
			"Wed, 32 Oct 2026 07:30:00 GMT" })
	void answersNullForAbsentNegativeOrUnparseableValues(String value) {
		assertThat(RetryAfter.parse(value, CLOCK)).isNull();
	}

}
