package dev.resilience.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;

/**
 * The application's {@link Sleeper} in tests: remembers every wait the starter asked for (with
 * the waiting thread), then waits it for real, so that both the requested waits and the pacing
 * the downstream servers see can be checked.
 */
public class RecordingSleeper implements Sleeper {

	private final Sleeper real = new ThreadWaitSleeper();

	private final List<Wait> waits = new CopyOnWriteArrayList<>();

	@Override
	public void sleep(long millis) throws InterruptedException {
		this.waits.add(new Wait(Thread.currentThread().getName(), millis));
		this.real.sleep(millis);
	}

	/** The waits of threads whose name starts with {@code prefix}, in order. */
	public List<Long> waitsOf(String prefix) {
		return this.waits.stream().filter((wait) -> wait.thread().startsWith(prefix)).map(Wait::millis).toList();
	}

	/** The waits of every thread but the supervisors', in order. */
	public List<Long> callerWaits() {
		return this.waits.stream()
			.filter((wait) -> !wait.thread().startsWith("resilience-supervised-"))
			.map(Wait::millis)
			.toList();
	}

	public void clear() {
		this.waits.clear();
	}

	record Wait(String thread, long millis) {
	}

}
