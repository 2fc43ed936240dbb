package dev.resilience.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A response whose body was read in full within the attempt, so that a body the server cuts
 * short, garbles or stalls fails the attempt (and is retried where allowed) instead of failing
 * the caller after the policy counted a success. The connection is released as soon as the body
 * is read.
 */
final class BufferedResponse implements ClientHttpResponse {

	private final HttpStatusCode status;

	private final String statusText;

	private final HttpHeaders headers;

	private final byte[] body;

	private BufferedResponse(HttpStatusCode status, String statusText, HttpHeaders headers, byte[] body) {
		this.status = status;
		this.statusText = statusText;
		this.headers = headers;
		this.body = body;
	}

	/** Reads and closes {@code response}. */
	static ClientHttpResponse read(ClientHttpResponse response) throws IOException {
		try (response) {
			HttpStatusCode status = response.getStatusCode();
			String statusText = response.getStatusText();
			HttpHeaders headers = HttpHeaders.readOnlyHttpHeaders(response.getHeaders());
			byte[] body;
			try (InputStream in = response.getBody()) {
				body = in.readAllBytes();
			}
			return new BufferedResponse(status, statusText, headers, body);
		}
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return this.status;
	}

	@Override
	public String getStatusText() {
		return this.statusText;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	@Override
	public InputStream getBody() {
		return new ByteArrayInputStream(this.body);
	}

	@Override
	public void close() {
	}

}
