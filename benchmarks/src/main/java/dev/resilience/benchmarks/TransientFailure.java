package dev.resilience.benchmarks;

/**
 * The failure of {@link Work#flaky()}: one shared instance without stack trace or suppressed
 * exceptions, so that the failure benchmarks measure the libraries, not {@code fillInStackTrace}.
 */
final class TransientFailure extends RuntimeException {

	static final TransientFailure INSTANCE = new TransientFailure();

	private TransientFailure() {
		super("transient failure", null, false, false);
	}

}
