package dev.resilience.benchmarks;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.resilience.circuit.CircuitBreaker;
import dev.resilience.circuit.CircuitBreakerConfig;
import dev.resilience.circuit.TransitionListener;

/** What each part of our happy path costs on its own, to explain the totals of the other benchmarks. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class BuildingBlocksBenchmark {

	private CircuitBreaker breaker;

	private final LongAdder counter = new LongAdder();

	private Timer timer;

	@Setup
	public void setUp() {
		this.breaker = new CircuitBreaker("bench", CircuitBreakerConfig.defaults(), Clock.systemUTC(), System::nanoTime,
				TransitionListener.NONE);
		this.timer = Timer.builder("resilience.calls").tag("policy", "bench").register(new SimpleMeterRegistry());
	}

	@Benchmark
	public long nanoTime() {
		return System.nanoTime();
	}

	@Benchmark
	public boolean closedBreaker() {
		boolean permitted = this.breaker.tryAcquirePermission();
		this.breaker.onSuccess(1_000L);
		return permitted;
	}

	@Benchmark
	public void longAdder() {
		this.counter.increment();
	}

	@Benchmark
	public void timerRecord() {
		this.timer.record(1_000L, TimeUnit.NANOSECONDS);
	}

}
