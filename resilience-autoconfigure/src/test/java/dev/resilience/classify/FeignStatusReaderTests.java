package dev.resilience.classify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.codec.ErrorDecoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenFeign's exceptions, as its default error decoder makes them, read for their status. */
class FeignStatusReaderTests {

	private final FeignStatusReader reader = new FeignStatusReader();

	@Test
	void readsTheStatusOfAnErrorResponse() {
		assertThat(this.reader.read(decoded(400, Map.of()))).isEqualTo(ResponseStatus.http(400, null));
	}

	@Test
	void readsRetryAfterThroughTheRetryableExceptionTheDecoderMakes() {
		FeignException exception = decoded(503, Map.of("Retry-After", List.of("7")));
		assertThat(exception).isInstanceOf(feign.RetryableException.class);
		assertThat(this.reader.read(exception)).isEqualTo(ResponseStatus.http(503, "7"));
	}

	@Test
	void aServiceUnavailableWithRetryAfterIsTransientWithThatWait() {
		HttpStatusRule rule = new HttpStatusRule(List.of(this.reader), java.time.Clock.systemUTC());
		Verdict verdict = rule.classify(List.of(decoded(503, Map.of("Retry-After", List.of("7")))));
		assertThat(verdict.isPermanent()).isFalse();
		assertThat(verdict.retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void ignoresOtherExceptionsAndFailuresWithoutAStatus() {
		assertThat(this.reader.read(new IllegalStateException())).isNull();
		assertThat(this.reader.read(new feign.RetryableException(-1, "connect refused", Request.HttpMethod.GET,
				(Long) null, request()))).isNull();
	}

	private static FeignException decoded(int status, Map<String, Collection<String>> headers) {
		Response response = Response.builder()
			.status(status)
			.reason("status " + status)
			.headers(headers)
			.body("secret body", StandardCharsets.UTF_8)
			.request(request())
			.build();
		return (FeignException) new ErrorDecoder.Default().decode("QuoteClient#quote(String)", response);
	}

	private static Request request() {
		return Request.create(Request.HttpMethod.GET, "http://127.0.0.1/quotes", Map.of(), null, StandardCharsets.UTF_8,
				null);
	}

}
