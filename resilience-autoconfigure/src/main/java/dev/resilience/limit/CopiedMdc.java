package dev.resilience.limit;

import java.util.Map;

import org.slf4j.MDC;

/** The caller's MDC, copied by hand: context-propagation is not on the classpath. Thread-safe. */
final class CopiedMdc implements CallerContext {

	@Override
	public Captured capture() {
		Map<String, String> callers = MDC.getCopyOfContextMap();
		return (attempt) -> {
			Map<String, String> own = MDC.getCopyOfContextMap();
			set(callers);
			try {
				return attempt.run();
			}
			finally {
				set(own);
			}
		};
	}

	private static void set(Map<String, String> context) {
		if (context == null || context.isEmpty()) {
			MDC.clear();
		}
		else {
			MDC.setContextMap(context);
		}
	}

}
