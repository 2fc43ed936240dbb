package dev.resilience.benchmarks;

import java.util.concurrent.Semaphore;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ConfigurableApplicationContext;

import dev.resilience.limit.AttemptThreads;

/**
 * Policies with a time limit and with a bulkhead, and their floors: a hand-off of the same work to
 * a thread of the same kind ({@link AttemptThreads}, the pool or virtual threads the starter
 * uses) and back, and a bare fair semaphore.
 */
@State(Scope.Benchmark)
public class LimitedSubject {

	private ConfigurableApplicationContext context;

	LimitedWork work;

	Work plain;

	AttemptThreads threads;

	Semaphore fair;

	@Setup
	public void setUp() {
		this.context = Contexts.start(LimitedConfiguration.class, "resilience.policies.timed.timeout.attempt=10s",
				"resilience.policies.bounded.bulkhead.max-concurrent-calls=1000");
		this.work = this.context.getBean(LimitedWork.class);
		this.plain = new Work();
		this.threads = new AttemptThreads("floor");
		this.fair = new Semaphore(1000, true);
		if (!this.work.timed().equals(this.work.bounded())) {
			throw new IllegalStateException("the subjects must return the same value");
		}
	}

	@TearDown
	public void tearDown() {
		this.threads.close();
		this.context.close();
	}

}
