package dev.resilience.classify;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Parses an HTTP {@code Retry-After} value: delta-seconds ({@code "120"}) or an HTTP-date in
 * RFC 1123 form ({@code "Wed, 21 Oct 2026 07:28:00 GMT"}).
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * The wait the value asks for, measured from {@code clock} for a date.
	 * @return the wait; {@link Duration#ZERO} for a date in the past; {@code null} when the value
	 * is absent, negative or unparseable. Seconds too large for a {@code long} saturate.
	 */
	public static Duration parse(String value, Clock clock) {
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.isEmpty()) {
			return null;
		}
		return isDigits(trimmed) ? seconds(trimmed) : untilDate(trimmed, clock);
	}

	private static boolean isDigits(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static Duration seconds(String digits) {
		try {
			return Duration.ofSeconds(Long.parseLong(digits));
		}
		catch (NumberFormatException ex) {
			// Only digits, so it overflowed: "wait very long", which ends the call upstream.
			return Duration.ofSeconds(Long.MAX_VALUE);
		}
	}

	private static Duration untilDate(String value, Clock clock) {
		Instant date;
		try {
			date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeException ex) {
			return null;
		}
		Duration wait = Duration.between(clock.instant(), date);
		return wait.isNegative() ? Duration.ZERO : wait;
	}

}
