package dev.resilience.policy;

/**
 * The failures of a call's earlier attempts, attached as suppressed to the one the caller gets:
 * the latest five, as the oldest say least about why the call finally failed.
 */
final class EarlierFailures {

	private static final int MAX = 5;

	private final Throwable[] failures = new Throwable[MAX];

	private int count;

	void remember(Throwable failure) {
		if (this.count < MAX) {
			this.failures[this.count++] = failure;
			return;
		}
		System.arraycopy(this.failures, 1, this.failures, 0, MAX - 1);
		this.failures[MAX - 1] = failure;
	}

	/** Attaches them to {@code last}, except {@code last} itself when an attempt rethrew it. */
	void attachTo(Throwable last) {
		for (int i = 0; i < this.count; i++) {
			if (this.failures[i] != last) {
				last.addSuppressed(this.failures[i]);
			}
		}
	}

}
