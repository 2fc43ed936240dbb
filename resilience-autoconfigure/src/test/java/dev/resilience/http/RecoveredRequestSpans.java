package dev.resilience.http;

import java.util.List;

import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;

import static dev.resilience.tracing.RecordedSpans.named;
import static dev.resilience.tracing.RecordedSpans.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The span tree of a request to {@code /items/{id}} of policy {@code catalog} that a 503 failed
 * once and a retry recovered: the call, its two attempts, and one HTTP client span per physical
 * request under its attempt, the resend carrying its count. The same for every HTTP client.
 */
final class RecoveredRequestSpans {

	private RecoveredRequestSpans() {
	}

	static void assertRecoveredAfterOne503(SimpleTracer tracer) {
		SimpleSpan call = only(tracer, "resilience.call");
		assertThat(call.getParentId()).as("a root span, not a child of an exchange span").isNullOrEmpty();
		assertThat(call.getTags()).containsEntry("policy", "catalog").containsEntry("outcome", "recovered");
		List<SimpleSpan> attempts = named(tracer, "resilience.attempt");
		assertThat(attempts).hasSize(2);
		assertThat(attempts)
			.allSatisfy((attempt) -> assertThat(attempt.getParentId()).isEqualTo(call.context().spanId()));
		assertThat(attempts.get(0).getTags()).containsEntry("outcome", "transient_failure")
			.containsEntry("exception", "ServiceUnavailable");
		assertThat(attempts.get(1).getTags()).containsEntry("outcome", "success");
		List<SimpleSpan> requests = tracer.getSpans()
			.stream()
			.filter((span) -> span.getName().startsWith("http"))
			.toList();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).getParentId()).isEqualTo(attempts.get(0).context().spanId());
		assertThat(requests.get(1).getParentId()).isEqualTo(attempts.get(1).context().spanId());
		assertThat(requests.get(0).getTags()).containsEntry("status", "503")
			.containsEntry("uri", "/items/{id}")
			.doesNotContainKey("http.request.resend_count");
		assertThat(requests.get(1).getTags()).containsEntry("status", "200")
			.containsEntry("http.request.resend_count", "1");
		assertThat(requests).allSatisfy((span) -> assertThat(span.getEndTimestamp()).isNotNull());
		assertThat(tracer.currentSpan()).isNull();
	}

}
