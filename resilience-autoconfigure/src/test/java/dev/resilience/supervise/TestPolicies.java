package dev.resilience.supervise;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyMetricsFactory;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.policy.FixedSettingsSource;
import dev.resilience.policy.PolicySettings;
import dev.resilience.policy.SettingsSource;
import dev.resilience.retry.BackoffSettings;
import dev.resilience.retry.RetrySettings;

/** Real policies on fixed settings, without a Spring context. */
final class TestPolicies {

	private TestPolicies() {
	}

	/** Backoff initial × 2^(n−1) capped at 10s, no jitter. */
	static Policy policy(int maxAttempts, Duration initial, boolean immediateFirstRetry, Duration stableAfter) {
		BackoffSettings backoff = new BackoffSettings(initial, 2.0, Duration.ofSeconds(10), 0, immediateFirstRetry);
		RetrySettings retry = new RetrySettings(maxAttempts, backoff, null, Duration.ofSeconds(30), null, null);
		PolicySettings defaults = PolicySettings.defaults();
		PolicySettings settings = new PolicySettings(true, retry, defaults.circuitBreaker(), defaults.classifier(),
				defaults.http(), stableAfter);
		return new PolicyRegistry(new FixedSettingsSource(settings), List.of(), Clock.systemUTC(),
				PolicyMetricsFactory.NONE)
			.use("stream");
	}

	static Policy policy(int maxAttempts) {
		return policy(maxAttempts, Duration.ofMillis(100), false, Duration.ofSeconds(30));
	}


}
