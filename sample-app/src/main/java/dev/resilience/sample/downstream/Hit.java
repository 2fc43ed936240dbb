package dev.resilience.sample.downstream;

/**
 * One request a {@link MisbehavingServer} saw.
 *
 * @param method the HTTP method
 * @param arrivedNanos {@code System.nanoTime()} when it arrived
 * @param answeredNanos when the server finished with it, or -1 while it is still open
 */
public record Hit(String method, long arrivedNanos, long answeredNanos) {

	Hit answered(long nanos) {
		return new Hit(this.method, this.arrivedNanos, nanos);
	}

}
