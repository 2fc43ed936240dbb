package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

/**
 * Proceeds and records the call on two timers resolved once, tagged as ours are: what recording
 * an attempt and a call costs at the least, the metrics floor.
 */
final class TimingInterceptor implements MethodInterceptor {

	private final Timer attempts;

	private final Timer calls;

	TimingInterceptor(MeterRegistry registry) {
		this.attempts = Timer.builder("resilience.attempts")
			.tags("policy", "bench", "attempt", "1", "outcome", "success", "exception", "none")
			.register(registry);
		this.calls = Timer.builder("resilience.calls").tags("policy", "bench", "outcome", "success").register(registry);
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		long start = System.nanoTime();
		Object result = invocation.proceed();
		long nanos = System.nanoTime() - start;
		this.attempts.record(nanos, TimeUnit.NANOSECONDS);
		this.calls.record(nanos, TimeUnit.NANOSECONDS);
		return result;
	}

}
