package dev.resilience.classify;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

class SafeDescriptionTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			GET http://host:8080/a/b?token=secret failed            | GET http://host:8080/a/b failed
			https://user:pa@ss@host/p#frag                            | https://host/p
			"http://u@h.example/x?q=1": refused                       | "http://h.example/x": refused
			wss://stream.example:443/feed?key=k and ftp://a:b@c/d     | wss://stream.example:443/feed and ftp://c/d
			http://host?only=query                                    | http://host
			no url here                                               | no url here
			""")
	void cutsEveryUrlToSchemeHostPortAndPath(String message, String expected) {
		assertThat(SafeDescription.of(new IOException(message))).isEqualTo("IOException: " + expected);
	}

	@Test
	void describesAStatusExceptionByClassAndStatusOnly() {
		HttpServerErrorException unavailable = HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE,
				"Service Unavailable", new HttpHeaders(), "secret body".getBytes(StandardCharsets.UTF_8),
				StandardCharsets.UTF_8);
		assertThat(SafeDescription.of(unavailable)).isEqualTo("ServiceUnavailable (HTTP 503)");
		assertThat(SafeDescription.message(unavailable)).isNull();
	}

	@Test
	void neverCopiesTheMessageOfAWrapperOfAStatusException() {
		HttpClientErrorException unauthorized = HttpClientErrorException.create("401 Unauthorized: \"secret body\"",
				HttpStatus.UNAUTHORIZED, "Unauthorized", new HttpHeaders(), "secret body".getBytes(StandardCharsets.UTF_8),
				StandardCharsets.UTF_8);
		IllegalStateException wrapper = new IllegalStateException(unauthorized);
		assertThat(wrapper.getMessage()).contains("secret body");
		assertThat(SafeDescription.of(wrapper)).isEqualTo("IllegalStateException (HTTP 401)");
		assertThat(SafeDescription.ofInnermost(new ExecutionException(wrapper))).isEqualTo("Unauthorized (HTTP 401)");
		assertThat(SafeDescription.message(wrapper)).isNull();
	}

	@Test
	void describesTheInnermostCause() {
		ResourceAccessException failure = new ResourceAccessException("I/O error on GET request for "
				+ "\"http://h:1/p?k=v\": Connection refused", new ConnectException("Connection refused"));
		assertThat(SafeDescription.ofInnermost(new ExecutionException(failure)))
			.isEqualTo("ConnectException: Connection refused");
		assertThat(SafeDescription.of(failure))
			.isEqualTo("ResourceAccessException: I/O error on GET request for \"http://h:1/p\": Connection refused");
	}

	@Test
	void boundsTheLengthOfAMessageAndNamesAFailureWithoutOne() {
		assertThat(SafeDescription.of(new IOException("x".repeat(5000))))
			.hasSize("IOException: ".length() + SafeDescription.MAX_MESSAGE + 1);
		assertThat(SafeDescription.of(new IOException())).isEqualTo("IOException");
	}

	@Test
	void aFailureWhoseCausesCannotBeReadIsNamedByItsClassAndNothingThrows() {
		BrokenCause broken = new BrokenCause();
		assertThat(SafeDescription.of(broken)).isEqualTo("BrokenCause");
		assertThat(SafeDescription.ofInnermost(broken)).isEqualTo("BrokenCause");
		assertThat(SafeDescription.message(broken)).isNull();
	}

	static final class BrokenCause extends IllegalStateException {

		BrokenCause() {
			super("http://u:p@h/x?k=v");
		}

		@Override
		public synchronized Throwable getCause() {
			throw new StackOverflowError("cause chain broken");
		}

	}

}
