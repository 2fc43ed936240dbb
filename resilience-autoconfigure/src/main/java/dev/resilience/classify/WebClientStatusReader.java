package dev.resilience.classify;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Reads Spring WebFlux's {@link WebClientResponseException}. Loaded only when
 * {@code spring-webflux} is present.
 */
final class WebClientStatusReader implements StatusReader {

	static final String TYPE = "org.springframework.web.reactive.function.client.WebClientResponseException";

	@Override
	public ResponseStatus read(Throwable throwable) {
		if (!(throwable instanceof WebClientResponseException response)) {
			return null;
		}
		HttpHeaders headers = response.getHeaders();
		String retryAfter = (headers != null) ? headers.getFirst(HttpHeaders.RETRY_AFTER) : null;
		return ResponseStatus.http(response.getStatusCode().value(), retryAfter);
	}

}
