package dev.resilience.sample.backoff;

import java.time.Duration;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * The exponential backoff a policy was configured with, read back from the environment so that
 * a scenario can say which waits it expects and check the measured ones.
 *
 * @param initial wait before the first retry
 * @param multiplier growth per retry
 * @param max cap on one wait
 * @param jitter randomization factor
 */
record BackoffShape(Duration initial, double multiplier, Duration max, double jitter) {

	/** A measured pause may exceed its wait by scheduling and the next request's way over loopback. */
	static final long LATE_MILLIS = 250;

	static BackoffShape of(Environment environment, String policy) {
		return new BackoffShape(duration(environment, policy, "initial-interval", Duration.ofMillis(100)),
				number(environment, policy, "multiplier", 2.0), duration(environment, policy, "max-interval",
						Duration.ofSeconds(10)),
				number(environment, policy, "jitter", 0.5));
	}

	private static Duration duration(Environment environment, String policy, String key, Duration fallback) {
		Duration defaults = environment.getProperty("resilience.defaults.retry.backoff." + key, Duration.class,
				fallback);
		return environment.getProperty("resilience.policies." + policy + ".retry.backoff." + key, Duration.class,
				defaults);
	}

	private static double number(Environment environment, String policy, String key, double fallback) {
		double defaults = environment.getProperty("resilience.defaults.retry.backoff." + key, Double.class, fallback);
		return environment.getProperty("resilience.policies." + policy + ".retry.backoff." + key, Double.class,
				defaults);
	}

	/** The wait before retry {@code n} (from 1), before jitter. */
	double base(int n) {
		return Math.min(this.initial.toMillis() * Math.pow(this.multiplier, n - 1), this.max.toMillis());
	}

	long lowest(int n) {
		return (long) Math.floor(base(n) * (1 - this.jitter));
	}

	long highest(int n) {
		return (long) Math.ceil(Math.min(base(n) * (1 + this.jitter), this.max.toMillis()));
	}

	/** Whether every measured pause lies in its jittered range (late by scheduling at most). */
	boolean fits(List<Long> pauses) {
		for (int i = 0; i < pauses.size(); i++) {
			long pause = pauses.get(i);
			if (pause < lowest(i + 1) || pause > highest(i + 1) + LATE_MILLIS) {
				return false;
			}
		}
		return true;
	}

	/** For example {@code 500ms ×1.5 ±50%: 250–750, 375–1125 ms}. */
	String describe(int retries) {
		StringBuilder text = new StringBuilder();
		text.append(this.initial.toMillis()).append("ms ×").append(this.multiplier).append(" ±")
			.append(Math.round(this.jitter * 100)).append("%: ");
		for (int n = 1; n <= retries; n++) {
			text.append((n > 1) ? ", " : "").append(lowest(n)).append('–').append(highest(n));
		}
		return text.append(" ms").toString();
	}

}
