package dev.resilience.sample.report;

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
 * @param lateMillis how much a measured pause may exceed its wait, see {@link #lateMillis(Environment)}
 */
public record BackoffShape(Duration initial, double multiplier, Duration max, double jitter, long lateMillis) {

	public static BackoffShape of(Environment environment, String policy) {
		return new BackoffShape(
				Configured.duration(environment, policy, "retry.backoff.initial-interval", Duration.ofMillis(100)),
				Configured.value(environment, policy, "retry.backoff.multiplier", Double.class, 2.0),
				Configured.duration(environment, policy, "retry.backoff.max-interval", Duration.ofSeconds(10)),
				Configured.value(environment, policy, "retry.backoff.jitter", Double.class, 0.5), lateMillis(environment));
	}

	/**
	 * How much a measured pause may exceed its wait: scheduling, and the next request's way over
	 * loopback. {@code sample.report.late-slack}, 500ms unless set (the tests allow a loaded machine
	 * more; the waits the starter asked for they check exactly).
	 */
	public static long lateMillis(Environment environment) {
		return environment.getProperty("sample.report.late-slack", Duration.class, Duration.ofMillis(500)).toMillis();
	}

	/** The wait before retry {@code n} (from 1), before jitter. */
	public double base(int n) {
		return Math.min(this.initial.toMillis() * Math.pow(this.multiplier, n - 1), this.max.toMillis());
	}

	public long lowest(int n) {
		return (long) Math.floor(base(n) * (1 - this.jitter));
	}

	public long highest(int n) {
		return (long) Math.ceil(Math.min(base(n) * (1 + this.jitter), this.max.toMillis()));
	}

	/** Whether every measured pause lies in its jittered range (late by scheduling at most). */
	public boolean fits(List<Long> pauses) {
		for (int i = 0; i < pauses.size(); i++) {
			long pause = pauses.get(i);
			if (pause < lowest(i + 1) || pause > highest(i + 1) + this.lateMillis) {
				return false;
			}
		}
		return true;
	}

	/** For example {@code 500ms ×1.5 ±50%: 250–750, 375–1125 ms}; at most four ranges, then "…". */
	public String describe(int retries) {
		StringBuilder text = new StringBuilder();
		text.append(this.initial.toMillis()).append("ms ×").append(this.multiplier).append(" ±")
			.append(Math.round(this.jitter * 100)).append("%: ");
		for (int n = 1; n <= Math.min(retries, 4); n++) {
			text.append((n > 1) ? ", " : "").append(lowest(n)).append('–').append(highest(n));
		}
		return text.append((retries > 4) ? ", … ms" : " ms").toString();
	}

}
