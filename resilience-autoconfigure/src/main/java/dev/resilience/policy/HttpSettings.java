package dev.resilience.policy;

import java.time.Duration;

/** Timeouts of HTTP clients built for a policy. */
public record HttpSettings(Duration connectTimeout, Duration readTimeout) {

	public static HttpSettings defaults() {
		return new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(10));
	}

}
