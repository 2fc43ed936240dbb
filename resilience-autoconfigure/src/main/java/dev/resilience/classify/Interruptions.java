package dev.resilience.classify;

/**
 * Whether a failure says that its thread was interrupted. Such an attempt says nothing about the
 * other side: it is not recorded by the breaker, and the thread's interrupt flag must survive
 * whatever path the call takes (the code that caught the interrupt may have cleared it).
 */
public final class Interruptions {

	private Interruptions() {
	}

	/**
	 * Sets the thread's interrupt flag again when {@code failure} is, or was caused by, an
	 * {@link InterruptedException} (searched like the classifier searches causes: bounded,
	 * cycle-safe, never throwing).
	 * @return whether the thread is now interrupted: an interrupt ended the attempt, whether it
	 * came as an exception or only as the flag
	 */
	public static boolean restoreFlag(Throwable failure) {
		if (causedByInterrupt(failure)) {
			Thread.currentThread().interrupt();
			return true;
		}
		return Thread.currentThread().isInterrupted();
	}

	static boolean causedByInterrupt(Throwable failure) {
		try {
			for (Throwable cause : Causes.of(failure)) {
				if (cause instanceof InterruptedException) {
					return true;
				}
			}
			return false;
		}
		catch (Throwable ex) {
			return failure instanceof InterruptedException;
		}
	}

}
