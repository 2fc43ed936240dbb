package dev.resilience.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Turns a 4xx/5xx response into Spring's status exception (with status, headers and body), so
 * that the classifier and its Retry-After rule see it as they see any other failure.
 */
final class StatusExceptions {

	private StatusExceptions() {
	}

	/** The response itself when its status is not an error; otherwise it is read, closed and thrown. */
	static ClientHttpResponse throwIfError(ClientHttpResponse response) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		if (!status.isError()) {
			return response;
		}
		throw of(response, status);
	}

	// The message is Spring's "<code> <reason>": no URL, query string or body, so logs stay clean.
	private static RestClientResponseException of(ClientHttpResponse response, HttpStatusCode status)
			throws IOException {
		try (response) {
			HttpHeaders headers = HttpHeaders.copyOf(response.getHeaders());
			String statusText = response.getStatusText();
			byte[] body = readBody(response);
			Charset charset = charset(headers);
			if (status.is4xxClientError()) {
				return HttpClientErrorException.create(status, statusText, headers, body, charset);
			}
			return HttpServerErrorException.create(status, statusText, headers, body, charset);
		}
	}

	private static byte[] readBody(ClientHttpResponse response) throws IOException {
		try (InputStream body = response.getBody()) {
			return body.readAllBytes();
		}
	}

	private static Charset charset(HttpHeaders headers) {
		try {
			MediaType contentType = headers.getContentType();
			return (contentType != null) ? contentType.getCharset() : null;
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

}
