package dev.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live threads before and after a test, to find threads it left running. The JDK's own lazily
 * started, JVM-wide daemons are not the test's: {@code Keep-Alive-Timer} (the
 * {@code HttpURLConnection} connection cache, which ends by itself seconds after its last
 * connection) and {@code Attach Listener}.
 */
public final class LiveThreads {

	private static final Set<String> JVM_DAEMONS = Set.of("Keep-Alive-Timer", "Attach Listener");

	private final Set<Thread> before;

	private LiveThreads(Set<Thread> before) {
		this.before = before;
	}

	/** Remembers the threads alive now. */
	public static LiveThreads snapshot() {
		return new LiveThreads(Thread.getAllStackTraces().keySet());
	}

	/** Threads started since the snapshot and still alive, by name. */
	public List<String> started() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.filter((thread) -> !this.before.contains(thread))
			.filter((thread) -> !JVM_DAEMONS.contains(thread.getName()))
			.map(Thread::getName)
			.sorted()
			.collect(Collectors.toList());
	}

	/** Fails unless every thread started since the snapshot ends within {@code timeout}. */
	public void assertAllEndedWithin(Duration timeout) {
		await().pollInSameThread()
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> assertThat(started()).as("threads left running").isEmpty());
	}

}
