package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A call whose first attempt fails and whose retry succeeds, waits returning at once (a no-op
 * Sleeper where the library has the hook). One thread: {@link Work#flaky()} is not thread-safe.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RetryOnceBenchmark {

	@Benchmark
	public String resilientMetricsOn(ResilientMetricsSubject subject) {
		return subject.work.flaky();
	}

	@Benchmark
	public String resilientMetricsOff(ResilientSubject subject) {
		return subject.work.flaky();
	}

	@Benchmark
	public String resilienceCallMetricsOff(ResilientSubject subject) throws Exception {
		return subject.resilience.call("flaky", subject.flaky);
	}

	@Benchmark
	public String springRetryTemplate(SpringRetrySubject subject) {
		return subject.template.execute(subject.flaky);
	}

	@Benchmark
	public String springRetryRetryable(SpringRetrySubject subject) {
		return subject.work.flaky();
	}

	@Benchmark
	public String springFrameworkRetryable(FrameworkRetrySubject subject) {
		return subject.work.flaky();
	}

	@Benchmark
	public String resilience4jRetryCircuitBreakerMetrics(Resilience4jSubject subject) {
		return subject.flaky.get();
	}

	@Benchmark
	public String failsafeRetryCircuitBreaker(FailsafeSubject subject) throws Throwable {
		return subject.retrying.get(subject.flaky);
	}

}
