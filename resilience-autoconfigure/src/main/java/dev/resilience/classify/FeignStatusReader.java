package dev.resilience.classify;

import java.util.Collection;
import java.util.Map;

import feign.FeignException;

/**
 * Reads OpenFeign's {@link FeignException}: its status, when it carries one (an I/O failure has
 * none), and its {@code Retry-After} header (never its message, which carries the body). Loaded only when {@code feign-core} is present.
 */
final class FeignStatusReader implements StatusReader {

	static final String TYPE = "feign.FeignException";

	@Override
	public ResponseStatus read(Throwable throwable) {
		if (!(throwable instanceof FeignException response) || response.status() < 100) {
			return null;
		}
		return ResponseStatus.http(response.status(), retryAfter(response));
	}

	/**
	 * Feign's default error decoder turns a response with {@code Retry-After} into a
	 * {@code RetryableException} without headers, whose cause is the exception that has them.
	 */
	private static String retryAfter(FeignException response) {
		Throwable current = response;
		for (int depth = 0; depth < 4 && current instanceof FeignException feign; depth++) {
			String header = retryAfter(feign.responseHeaders());
			if (header != null) {
				return header;
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return null;
	}

	private static String retryAfter(Map<String, Collection<String>> headers) {
		if (headers == null) {
			return null;
		}
		for (Map.Entry<String, Collection<String>> header : headers.entrySet()) {
			if ("Retry-After".equalsIgnoreCase(header.getKey()) && header.getValue() != null
					&& !header.getValue().isEmpty()) {
				return header.getValue().iterator().next();
			}
		}
		return null;
	}

}
