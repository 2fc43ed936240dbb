package dev.resilience.classify;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

import dev.resilience.CircuitOpenException;

/**
 * Judges whether a failure provably happened before the request reached the other side, so that
 * a non-idempotent call may be retried safely. Thread-safe, stateless.
 */
public final class Idempotency {

	// Matched by name: the java.net.http module may be left out of a custom runtime image.
	private static final String HTTP_CONNECT_TIMEOUT = "java.net.http.HttpConnectTimeoutException";

	// The JDK's socket connect timeout says "Connect timed out"; a read timeout "Read timed out".
	private static final String CONNECT_TIMED_OUT = "connect timed out";

	private Idempotency() {
	}

	/**
	 * Whether the failure, or any of its causes, shows that the request was never sent:
	 * connection refused, unknown host, no route to host, connect timeout, or an open circuit.
	 * A read timeout, a reset connection or any HTTP response is not such proof.
	 */
	public static boolean failedBeforeSending(Throwable failure) {
		for (Throwable throwable : Causes.of(failure)) {
			if (isBeforeSending(throwable)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isBeforeSending(Throwable throwable) {
		return throwable instanceof ConnectException || throwable instanceof UnknownHostException
				|| throwable instanceof NoRouteToHostException || throwable instanceof CircuitOpenException
				|| TypeNames.isSubclassOf(throwable.getClass(), HTTP_CONNECT_TIMEOUT)
				|| isConnectTimeout(throwable);
	}

	private static boolean isConnectTimeout(Throwable throwable) {
		if (!(throwable instanceof SocketTimeoutException)) {
			return false;
		}
		String message = throwable.getMessage();
		return message != null && message.toLowerCase(Locale.ROOT).contains(CONNECT_TIMED_OUT);
	}

}
