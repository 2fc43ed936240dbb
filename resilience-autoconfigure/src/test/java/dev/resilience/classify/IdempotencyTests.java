package dev.resilience.classify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import dev.resilience.CircuitOpenException;
import dev.resilience.TimeoutExceededException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTests {

	@ParameterizedTest
	@MethodSource("failuresBeforeSending")
	void recognisesFailuresThatHappenedBeforeSending(Throwable failure) {
		assertThat(Idempotency.failedBeforeSending(failure)).isTrue();
	}

	@ParameterizedTest
	@MethodSource("failuresAfterSending")
	void doesNotTreatOtherFailuresAsBeforeSending(Throwable failure) {
		assertThat(Idempotency.failedBeforeSending(failure)).isFalse();
	}

	@Test
	void terminatesOnACyclicCauseChain() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);
		assertThat(Idempotency.failedBeforeSending(first)).isFalse();
	}

	static Stream<Named<Throwable>> failuresBeforeSending() {
		return Stream.of(named(new ConnectException("Connection refused")),
				named(new UnknownHostException("nowhere.invalid")), named(new NoRouteToHostException("No route")),
				named(new HttpConnectTimeoutException("HTTP connect timed out")),
				named(new CircuitOpenException("payments", Instant.EPOCH)),
				named(new SocketTimeoutException("Connect timed out")),
				named(new SocketTimeoutException("connect timed out")),
				named("ResourceAccessException caused by ConnectException",
						new ResourceAccessException("I/O error", new ConnectException("Connection refused"))),
				named("ConnectException caused by HttpConnectTimeoutException",
						new ConnectException("timed out").initCause(new HttpConnectTimeoutException("timed out"))),
				named("CompletionException caused by UnknownHostException",
						new CompletionException(new UnknownHostException("nowhere.invalid"))));
	}

	static Stream<Named<Throwable>> failuresAfterSending() {
		return Stream.of(named(new SocketTimeoutException("Read timed out")),
				named("SocketTimeoutException without message", new SocketTimeoutException()),
				named(new HttpTimeoutException("request timed out")),
				named(new SocketException("Connection reset")), named(new IOException("Broken pipe")),
				named(HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", null,
						null, null)),
				named("RestClientException caused by a read timeout",
						new RestClientException("I/O error", new SocketTimeoutException("Read timed out"))),
				named("ResourceAccessException caused by HttpTimeoutException",
						new ResourceAccessException("I/O error", new HttpTimeoutException("request timed out"))),
				named(new IllegalStateException("boom")),
				named(new TimeoutExceededException("payments", Duration.ofSeconds(1), false)),
				named(new TimeoutExceededException("payments", Duration.ofSeconds(5), true)));
	}

	private static Named<Throwable> named(Throwable failure) {
		return named(failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
	}

	private static Named<Throwable> named(String name, Throwable failure) {
		return Named.of(name, failure);
	}

}
