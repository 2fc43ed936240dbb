package dev.resilience.policy;

import java.util.concurrent.atomic.LongAdder;

import org.springframework.retry.backoff.Sleeper;

/** A test sleeper that waits nothing and counts each wait: cheap under load, unlike a list. */
public final class CountingSleeper implements Sleeper {

	private final LongAdder sleeps = new LongAdder();

	@Override
	public void sleep(long backOffPeriod) {
		this.sleeps.increment();
	}

	public long sleeps() {
		return this.sleeps.sum();
	}

}
