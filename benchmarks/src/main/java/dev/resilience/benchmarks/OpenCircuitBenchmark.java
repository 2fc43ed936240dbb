package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** A call rejected by a circuit forced open: the method is not called, the exception returned. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OpenCircuitBenchmark {

	@Benchmark
	public Object resilientMetricsOn(ResilientMetricsSubject subject) {
		try {
			return subject.work.rejected();
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	@Benchmark
	public Object resilientMetricsOff(ResilientSubject subject) {
		try {
			return subject.work.rejected();
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	@Benchmark
	public Object resilience4jRetryCircuitBreakerMetrics(Resilience4jSubject subject) {
		try {
			return subject.rejected.get();
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	@Benchmark
	public Object failsafeRetryCircuitBreaker(FailsafeSubject subject) throws Throwable {
		try {
			return subject.rejecting.get(subject.rejected);
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

}
