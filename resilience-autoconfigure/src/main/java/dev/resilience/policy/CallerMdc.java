package dev.resilience.policy;

import java.util.Map;

import org.slf4j.MDC;

/**
 * The caller's MDC, captured when an asynchronous call starts and put in place around whatever
 * the starter does for the call later on another thread: its log lines, retried attempts,
 * fallbacks and the completion of the returned future.
 */
final class CallerMdc {

	private CallerMdc() {
	}

	/** The calling thread's MDC now, or {@code null} when it is empty. */
	static Map<String, String> capture() {
		Map<String, String> map = MDC.getCopyOfContextMap();
		return (map == null || map.isEmpty()) ? null : map;
	}

	/** Runs {@code task} with {@code mdc} as this thread's MDC, then puts back what was there. */
	static void run(Map<String, String> mdc, Runnable task) {
		Map<String, String> previous = MDC.getCopyOfContextMap();
		if (mdc == null && (previous == null || previous.isEmpty())) {
			task.run();
			return;
		}
		set(mdc);
		try {
			task.run();
		}
		finally {
			set(previous);
		}
	}

	private static void set(Map<String, String> mdc) {
		if (mdc == null) {
			MDC.clear();
		}
		else {
			MDC.setContextMap(mdc);
		}
	}

}
