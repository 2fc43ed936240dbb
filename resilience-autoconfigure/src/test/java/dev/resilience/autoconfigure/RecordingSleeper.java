package dev.resilience.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.retry.backoff.Sleeper;

/** A test sleeper: records each wait and returns at once. */
public class RecordingSleeper implements Sleeper {

	private final List<Long> waits = new CopyOnWriteArrayList<>();

	@Override
	public void sleep(long backOffPeriod) {
		this.waits.add(backOffPeriod);
	}

	public List<Long> waits() {
		return this.waits;
	}

}
