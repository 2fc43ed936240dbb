package dev.resilience.classify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;

import dev.resilience.Classification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

class HttpStatusRuleTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC);

	private final HttpStatusRule rule = new HttpStatusRule(StatusReaders.available(getClass().getClassLoader()), CLOCK);

	@ParameterizedTest(name = "HTTP {0} -> {1}")
	@CsvSource({ "401, PERMANENT, true", "403, PERMANENT, true", "408, TRANSIENT, false", "425, TRANSIENT, false",
			"429, TRANSIENT, false", "500, TRANSIENT, false", "502, TRANSIENT, false", "503, TRANSIENT, false",
			"504, TRANSIENT, false", "400, PERMANENT, false", "404, PERMANENT, false", "409, PERMANENT, false",
			"422, PERMANENT, false", "451, PERMANENT, false", "501, PERMANENT, false", "505, PERMANENT, false",
			"511, PERMANENT, false", "599, PERMANENT, false", "302, TRANSIENT, false" })
	void classifiesByStatus(int code, Classification classification, boolean credentialsRejected) {
		Verdict verdict = this.rule.verdict(ResponseStatus.http(code, null));
		assertThat(verdict.classification()).isEqualTo(classification);
		assertThat(verdict.credentialsRejected()).isEqualTo(credentialsRejected);
	}

	@Test
	void reportsRejectedCredentials() {
		Verdict verdict = classify(HttpClientErrorException.create(HttpStatusCode.valueOf(401), "Unauthorized", null,
				null, null));
		assertThat(verdict)
			.isEqualTo(new Verdict(Classification.PERMANENT, "credentials rejected (HTTP 401)", null, true));
	}

	@Test
	void reportsForbiddenAsRejectedCredentials() {
		Verdict verdict = classify(HttpClientErrorException.create(HttpStatusCode.valueOf(403), "Forbidden",
				new HttpHeaders(), null, null));
		assertThat(verdict.isPermanent()).isTrue();
		assertThat(verdict.credentialsRejected()).isTrue();
	}

	@Test
	void readsRetryAfterSecondsFromAServerError() {
		Verdict verdict = classify(HttpServerErrorException.create(HttpStatusCode.valueOf(503), "Service Unavailable",
				retryAfter("120"), null, null));
		assertThat(verdict)
			.isEqualTo(new Verdict(Classification.TRANSIENT, "HTTP 503", Duration.ofSeconds(120), false, true));
	}

	@Test
	void onlyA429OrA503WithRetryAfterAsksForAServerPause() {
		assertThat(classify(HttpServerErrorException.create(HttpStatusCode.valueOf(504), "Gateway Timeout",
				retryAfter("5"), null, null))
			.pausesServer()).isFalse();
		assertThat(classify(HttpServerErrorException.create(HttpStatusCode.valueOf(503), "Service Unavailable", null,
				null, null))
			.pausesServer()).isFalse();
		assertThat(classify(HttpClientErrorException.create(HttpStatusCode.valueOf(429), "Too Many Requests",
				retryAfter("5"), null, null))
			.pausesServer()).isTrue();
	}

	@Test
	void readsRetryAfterDateFromTooManyRequests() {
		Verdict verdict = classify(HttpClientErrorException.create(HttpStatusCode.valueOf(429), "Too Many Requests",
				retryAfter("Wed, 21 Oct 2026 07:29:00 GMT"), null, null));
		assertThat(verdict.isTransient()).isTrue();
		assertThat(verdict.retryAfter()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void leavesRetryAfterEmptyWhenTheHeaderIsMissingOrGarbage() {
		assertThat(classify(HttpServerErrorException.create(HttpStatusCode.valueOf(502), "Bad Gateway", null, null,
				null))
			.retryAfter()).isNull();
		assertThat(classify(HttpServerErrorException.create(HttpStatusCode.valueOf(502), "Bad Gateway",
				retryAfter("later"), null, null))
			.retryAfter()).isNull();
	}

	@Test
	void ignoresRetryAfterOnAPermanentStatus() {
		Verdict verdict = classify(HttpServerErrorException.create(HttpStatusCode.valueOf(501), "Not Implemented",
				retryAfter("5"), null, null));
		assertThat(verdict).isEqualTo(new Verdict(Classification.PERMANENT, "HTTP 501", null, false));
	}

	@Test
	void readsAPlainRestClientResponseException() {
		Verdict verdict = classify(new RestClientResponseException("teapot", 418, "I'm a teapot", null, null, null));
		assertThat(verdict).isEqualTo(Verdict.of(Classification.PERMANENT, "HTTP 418"));
	}

	@Test
	void readsAWebClientResponseExceptionWithItsRetryAfter() {
		Verdict verdict = classify(WebClientResponseException.create(429, "Too Many Requests", retryAfter("3"),
				new byte[0], StandardCharsets.UTF_8));
		assertThat(verdict)
			.isEqualTo(new Verdict(Classification.TRANSIENT, "HTTP 429", Duration.ofSeconds(3), false, true));
	}

	@Test
	void readsRejectedCredentialsFromAWebClientResponseException() {
		Verdict verdict = classify(WebClientResponseException.create(401, "Unauthorized", null, null, null));
		assertThat(verdict.credentialsRejected()).isTrue();
	}

	@Test
	void findsAStatusAmongTheCauses() {
		HttpServerErrorException cause = HttpServerErrorException.create(HttpStatusCode.valueOf(504), "Gateway Timeout",
				null, null, null);
		Verdict verdict = classify(new ExecutionException(new RestClientException("wrapped", cause)));
		assertThat(verdict.reason()).isEqualTo("HTTP 504");
	}

	@Test
	void answersNullWithoutAStatus() {
		assertThat(classify(new IllegalStateException("no status"))).isNull();
	}

	private Verdict classify(Throwable failure) {
		return this.rule.classify(Causes.of(failure));
	}

	private static HttpHeaders retryAfter(String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, value);
		return headers;
	}

}
