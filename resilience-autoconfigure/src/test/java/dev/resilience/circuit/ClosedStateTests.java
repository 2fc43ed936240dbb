package dev.resilience.circuit;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ClosedStateTests {

	private static final long FAST = Duration.ofMillis(1).toNanos();

	/**
	 * Measured after warm-up, as in production: an allocation the JIT removes by escape analysis
	 * is not seen, and costs nothing either.
	 */
	@ParameterizedTest
	@EnumSource(WindowType.class)
	void happyPathAllocatesNothing(WindowType type) {
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
				"the JVM measures allocation per thread");
		CircuitBreaker breaker = new CircuitBreaker("payments", new CircuitBreakerConfig(true, type, 100, 20, 50f,
				Duration.ofMillis(100), 100f, Duration.ofSeconds(30), 5), Clock.systemUTC(), TransitionListener.NONE);
		callSuccessfully(breaker, 200_000);
		long before = threads.getCurrentThreadAllocatedBytes();
		callSuccessfully(breaker, 100_000);
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(allocated).as("bytes for 100,000 calls; one object per call would be over 1.6 MB")
			.isLessThan(4096);
		assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
	}

	private static void callSuccessfully(CircuitBreaker breaker, int calls) {
		for (int i = 0; i < calls; i++) {
			if (breaker.tryAcquirePermission()) {
				breaker.onSuccess(FAST);
			}
		}
	}

}
