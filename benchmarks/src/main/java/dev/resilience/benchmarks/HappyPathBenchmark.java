package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** A call whose first attempt succeeds, through each subject; every one returns the same value. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HappyPathBenchmark {

	@Benchmark
	public String plainCall(ProxySubject subject) {
		return subject.plain.call();
	}

	@Benchmark
	public String noopInterceptor(ProxySubject subject) {
		return subject.noop.call();
	}

	@Benchmark
	public String noopInterceptorTwoTimers(TimedProxySubject subject) {
		return subject.timed.call();
	}

	@Benchmark
	public String resilientMetricsOn(ResilientMetricsSubject subject) {
		return subject.work.call();
	}

	@Benchmark
	public String resilienceCallMetricsOn(ResilientMetricsSubject subject) throws Exception {
		return subject.resilience.call("bench", subject.call);
	}

	@Benchmark
	public String resilientMetricsOff(ResilientSubject subject) {
		return subject.work.call();
	}

	@Benchmark
	public String resilienceCallMetricsOff(ResilientSubject subject) throws Exception {
		return subject.resilience.call("bench", subject.call);
	}

	@Benchmark
	public String springRetryTemplate(SpringRetrySubject subject) {
		return subject.template.execute(subject.call);
	}

	@Benchmark
	public String springRetryRetryable(SpringRetrySubject subject) {
		return subject.work.call();
	}

	@Benchmark
	public String springFrameworkRetryable(FrameworkRetrySubject subject) {
		return subject.work.call();
	}

	@Benchmark
	public String resilience4jRetryCircuitBreakerMetrics(Resilience4jSubject subject) {
		return subject.call.get();
	}

	@Benchmark
	public String failsafeRetryCircuitBreaker(FailsafeSubject subject) throws Throwable {
		return subject.executor.get(subject.call);
	}

}
