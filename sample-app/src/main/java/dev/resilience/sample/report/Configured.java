package dev.resilience.sample.report;

import java.time.Duration;

import org.springframework.core.env.Environment;

/**
 * A policy's settings read back from the environment (the policy's key, else the default's, else
 * the starter's default), so that a scenario can state what it expects.
 */
public final class Configured {

	private Configured() {
	}

	public static Duration duration(Environment environment, String policy, String key, Duration fallback) {
		return value(environment, policy, key, Duration.class, fallback);
	}

	public static int maxAttempts(Environment environment, String policy) {
		return value(environment, policy, "retry.max-attempts", Integer.class, 3);
	}

	public static <T> T value(Environment environment, String policy, String key, Class<T> type, T fallback) {
		T defaults = environment.getProperty("resilience.defaults." + key, type, fallback);
		return environment.getProperty("resilience.policies." + policy + "." + key, type, defaults);
	}

}
