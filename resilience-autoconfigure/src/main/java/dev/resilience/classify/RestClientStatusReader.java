package dev.resilience.classify;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClientResponseException;

/**
 * Reads Spring's {@link RestClientResponseException} family ({@code HttpStatusCodeException},
 * {@code HttpClientErrorException}, {@code HttpServerErrorException}). Loaded only when
 * {@code spring-web} is present.
 */
final class RestClientStatusReader implements StatusReader {

	static final String TYPE = "org.springframework.web.client.RestClientResponseException";

	@Override
	public ResponseStatus read(Throwable throwable) {
		if (!(throwable instanceof RestClientResponseException response)) {
			return null;
		}
		HttpHeaders headers = response.getResponseHeaders();
		String retryAfter = (headers != null) ? headers.getFirst(HttpHeaders.RETRY_AFTER) : null;
		return ResponseStatus.http(response.getStatusCode().value(), retryAfter);
	}

}
