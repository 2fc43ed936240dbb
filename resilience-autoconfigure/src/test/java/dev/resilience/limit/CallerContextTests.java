package dev.resilience.limit;

import java.util.Map;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/** The caller's context on an attempt's thread, with and without context-propagation. */
class CallerContextTests {

	private static final ThreadLocal<String> TENANT = new ThreadLocal<>();

	@AfterEach
	void clear() {
		MDC.clear();
		TENANT.remove();
		ContextRegistry.getInstance().removeThreadLocalAccessor("test.tenant");
	}

	@Test
	void contextPropagationCarriesTheMdcAndTheUsersOwnAccessors() throws Throwable {
		ContextRegistry.getInstance().registerThreadLocalAccessor("test.tenant", TENANT);
		CallerContext context = CallerContext.forClasspath();
		assertThat(context).isInstanceOf(PropagatedContext.class);
		MDC.put("request", "42");
		TENANT.set("acme");
		CallerContext.Captured captured = context.capture();
		Object seen = onOtherThreadWithItsOwnMdc(captured);
		assertThat(seen).isEqualTo("42/acme");
	}

	@Test
	void theCallersCurrentObservationIsCurrentInTheAttempt() throws Throwable {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler((context) -> true);
		Observation call = Observation.start("resilience.call", registry);
		CallerContext.Captured captured;
		try (Observation.Scope scope = call.openScope()) {
			captured = CallerContext.forClasspath().capture();
		}
		Object[] seen = new Object[1];
		Thread thread = new Thread(() -> {
			try {
				seen[0] = captured.runWith(registry::getCurrentObservation);
			}
			catch (Throwable ex) {
				seen[0] = ex;
			}
		});
		thread.start();
		thread.join(10_000);
		call.stop();
		assertThat(seen[0]).isSameAs(call);
	}

	@Test
	void withoutContextPropagationTheMdcIsCopiedByHand() throws Throwable {
		MDC.put("request", "7");
		CallerContext.Captured captured = new CopiedMdc().capture();
		assertThat(onOtherThreadWithItsOwnMdc(captured)).isEqualTo("7/null");
	}

	@Test
	void theAttemptThreadGetsItsOwnMdcBackAfterTheAttempt() throws Throwable {
		for (CallerContext context : new CallerContext[] { CallerContext.forClasspath(), new CopiedMdc() }) {
			MDC.put("request", "1");
			CallerContext.Captured captured = context.capture();
			Object[] after = new Object[1];
			Thread thread = new Thread(() -> {
				MDC.put("own", "yes");
				try {
					captured.runWith(() -> MDC.get("request"));
				}
				catch (Throwable ex) {
					throw new IllegalStateException(ex);
				}
				after[0] = MDC.getCopyOfContextMap();
			});
			thread.start();
			thread.join(10_000);
			assertThat(after[0]).as(context.getClass().getSimpleName()).isEqualTo(Map.of("own", "yes"));
		}
	}

	/** Runs the attempt on a new thread whose MDC has a value of its own that must not show. */
	private static Object onOtherThreadWithItsOwnMdc(CallerContext.Captured captured) throws Throwable {
		Object[] result = new Object[1];
		Throwable[] failure = new Throwable[1];
		Thread thread = new Thread(() -> {
			MDC.put("request", "stale");
			try {
				result[0] = captured.runWith(() -> MDC.get("request") + "/" + TENANT.get());
			}
			catch (Throwable ex) {
				failure[0] = ex;
			}
		});
		thread.start();
		thread.join(10_000);
		if (failure[0] != null) {
			throw failure[0];
		}
		return result[0];
	}

}
