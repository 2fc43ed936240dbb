package dev.resilience.limit;

/**
 * Takes the caller's thread-local context to the thread of a time-limited attempt: through
 * Micrometer's context-propagation when it is on the classpath (MDC, the current observation
 * and trace, Spring Security's context, any accessor the user registered), else the MDC alone.
 * Thread-safe.
 */
public interface CallerContext {

	/** Captures the calling thread's context, to be set around attempts on other threads. */
	Captured capture();

	/** The right one for the classpath. */
	static CallerContext forClasspath() {
		return present("io.micrometer.context.ContextRegistry") ? new PropagatedContext() : new CopiedMdc();
	}

	private static boolean present(String className) {
		try {
			Class.forName(className, false, CallerContext.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** A captured context. */
	@FunctionalInterface
	interface Captured {

		/** Runs {@code attempt} on this thread with the captured context set, then restores the thread's own. */
		Object runWith(Attempt attempt) throws Throwable;

	}

}
