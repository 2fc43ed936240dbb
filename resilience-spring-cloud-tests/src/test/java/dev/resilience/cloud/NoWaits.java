package dev.resilience.cloud;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.retry.backoff.Sleeper;

/** A {@link Sleeper} that records the waits instead of sleeping. */
final class NoWaits implements Sleeper {

	private final List<Long> waits = new CopyOnWriteArrayList<>();

	@Override
	public void sleep(long backOffPeriod) {
		this.waits.add(backOffPeriod);
	}

	List<Long> waits() {
		return this.waits;
	}

}
