package dev.resilience.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The happy path of policies with limits against their floors: a time-limited attempt against one
 * hand-off to a thread of the same kind and back ({@code CompletableFuture.supplyAsync(work,
 * sameExecutor).get()}), a bulkhead against the same policy without one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LimitsBenchmark {

	@Benchmark
	public String handOffFloor(LimitedSubject subject) throws Exception {
		return CompletableFuture.supplyAsync(subject.plain::call, subject.threads::start).get();
	}

	@Benchmark
	public String resilientTimeLimited(LimitedSubject subject) {
		return subject.work.timed();
	}

	@Benchmark
	public String resilientNoLimits(LimitedSubject subject) {
		return subject.work.call();
	}

	@Benchmark
	public String resilientBulkhead(LimitedSubject subject) {
		return subject.work.bounded();
	}

	@Benchmark
	public boolean fairSemaphore(LimitedSubject subject) throws InterruptedException {
		boolean acquired = subject.fair.tryAcquire(0, TimeUnit.NANOSECONDS);
		subject.fair.release();
		return acquired;
	}

}
