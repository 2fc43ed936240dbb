package dev.resilience.classify;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way the starter describes a failure in a log line, an actuator answer or an event, so
 * that none carries a secret. A failure that carries an HTTP status (itself or any of its
 * causes, since a wrapper's message usually repeats its cause's) is described by exception class
 * and status only: Spring's status exceptions put the response body in their message. Any other
 * message is copied with every URL cut to scheme, host, port and path (no user-info, query or
 * fragment) and its length bounded. Thread-safe; stateless.
 */
public final class SafeDescription {

	/** Longest message copied, in characters. */
	static final int MAX_MESSAGE = 300;

	private static final ResponseStatus UNREADABLE = ResponseStatus.http(0, null);

	private static final List<StatusReader> READERS = StatusReaders.available(SafeDescription.class.getClassLoader());

	/**
	 * {@code scheme://[user-info@]host[:port][/path][?query][#fragment]}: group 1 is the scheme, 2
	 * the host and port, 3 the path. User-info is anything up to the last {@code @} before the
	 * host, so a password holding {@code @} is cut too.
	 */
	private static final Pattern URL = Pattern.compile(
			"([a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^\\s/?#\"'<>]*@)?([^\\s/?#\"'<>@]*)([^\\s?#\"'<>]*)(?:\\?[^\\s#\"'<>]*)?(?:#[^\\s\"'<>]*)?");

	private SafeDescription() {
	}

	/**
	 * {@code "ServiceUnavailable (HTTP 503)"}, {@code "ResourceAccessException: I/O error on GET
	 * request for \"http://host:8080/path\": Connection refused"}, or the simple class name alone.
	 */
	public static String of(Throwable failure) {
		List<Throwable> chain = chain(failure);
		if (chain == null) {
			return failure.getClass().getSimpleName();
		}
		ResponseStatus status = status(chain);
		String name = failure.getClass().getSimpleName();
		if (status != null) {
			return name + " (" + status.label() + ")";
		}
		String message = cut(failure.getMessage());
		return (message != null) ? name + ": " + message : name;
	}

	/**
	 * As {@link #of}, of the innermost cause (wrappers such as {@code ExecutionException} say
	 * less than what they wrap); a status anywhere in the chain is described by its carrier.
	 */
	public static String ofInnermost(Throwable failure) {
		List<Throwable> chain = chain(failure);
		if (chain == null) {
			return failure.getClass().getSimpleName();
		}
		for (Throwable throwable : chain) {
			ResponseStatus status = read(throwable);
			if (status != null) {
				return throwable.getClass().getSimpleName() + " (" + status.label() + ")";
			}
		}
		return of(chain.get(chain.size() - 1));
	}

	/**
	 * The failure's message made safe, or {@code null} when it has none or carries an HTTP status
	 * (whose message is never copied).
	 */
	public static String message(Throwable failure) {
		List<Throwable> chain = chain(failure);
		return (chain == null || status(chain) != null) ? null : cut(failure.getMessage());
	}

	/** {@code text} with every URL cut to scheme, host, port and path, and its length bounded. */
	public static String withoutSecrets(String text) {
		return cut(text);
	}

	private static String cut(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		// URLs are cut before the length is bounded: a URL cut in half could keep part of its user-info.
		Matcher matcher = URL.matcher(text);
		StringBuilder safe = new StringBuilder(text.length());
		while (matcher.find()) {
			matcher.appendReplacement(safe,
					Matcher.quoteReplacement(matcher.group(1) + "://" + matcher.group(2) + matcher.group(3)));
		}
		matcher.appendTail(safe);
		if (safe.length() > MAX_MESSAGE) {
			safe.setLength(MAX_MESSAGE);
			safe.append('…');
		}
		return safe.toString();
	}

	/**
	 * The cause chain, or {@code null} when it cannot be read (a {@code getCause()} or
	 * {@code getMessage()} that throws): describing a failure must never replace it.
	 */
	private static List<Throwable> chain(Throwable failure) {
		try {
			List<Throwable> chain = Causes.of(failure);
			for (Throwable throwable : chain) {
				throwable.getMessage();
			}
			return chain;
		}
		catch (Throwable ex) {
			return null;
		}
	}

	private static ResponseStatus status(List<Throwable> chain) {
		for (Throwable throwable : chain) {
			ResponseStatus status = read(throwable);
			if (status != null) {
				return status;
			}
		}
		return null;
	}

	private static ResponseStatus read(Throwable throwable) {
		for (StatusReader reader : READERS) {
			ResponseStatus status;
			try {
				status = reader.read(throwable);
			}
			catch (RuntimeException ex) {
				// A response that cannot be read is still a response: its message is not copied.
				status = UNREADABLE;
			}
			if (status != null) {
				return status;
			}
		}
		return null;
	}

}
