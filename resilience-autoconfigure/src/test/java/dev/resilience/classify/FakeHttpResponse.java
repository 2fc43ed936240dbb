package dev.resilience.classify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/** The least {@link HttpResponse} a {@code WebSocketHandshakeException} can carry. */
record FakeHttpResponse(int statusCode, HttpHeaders headers) implements HttpResponse<Void> {

	static FakeHttpResponse of(int statusCode) {
		return new FakeHttpResponse(statusCode, HttpHeaders.of(Map.of(), (name, value) -> true));
	}

	static FakeHttpResponse withRetryAfter(int statusCode, String retryAfter) {
		return new FakeHttpResponse(statusCode,
				HttpHeaders.of(Map.of("Retry-After", List.of(retryAfter)), (name, value) -> true));
	}

	@Override
	public HttpRequest request() {
		return HttpRequest.newBuilder(uri()).build();
	}

	@Override
	public Optional<HttpResponse<Void>> previousResponse() {
		return Optional.empty();
	}

	@Override
	public Void body() {
		return null;
	}

	@Override
	public Optional<SSLSession> sslSession() {
		return Optional.empty();
	}

	@Override
	public URI uri() {
		return URI.create("ws://localhost/stream");
	}

	@Override
	public HttpClient.Version version() {
		return HttpClient.Version.HTTP_1_1;
	}

}
