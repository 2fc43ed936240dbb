package dev.resilience.http;

import java.io.IOException;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import dev.resilience.policy.AttemptRunner;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyExecutor;

/**
 * Sends each request through one policy: retry, breaker, classification, meters. An error status
 * becomes Spring's status exception inside the attempt, so 429/503 are retried (honouring
 * {@code Retry-After}) and 401/403 are not; a call that finally fails with one throws it. The
 * response body is read in full within the attempt, so a body cut short or stalled is a failed
 * attempt, never a success. Thread-safe.
 */
final class PolicyRequestInterceptor implements ClientHttpRequestInterceptor {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	// RFC 9110 §9.2.2; POST and PATCH only with an Idempotency-Key.
	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.TRACE);

	private final Policy policy;

	private final PolicyExecutor executor;

	PolicyRequestInterceptor(Policy policy, PolicyExecutor executor) {
		this.policy = policy;
		this.executor = executor;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		try {
			return (ClientHttpResponse) this.executor.execute(this.policy, new HttpAttempt(request, body, execution),
					HttpAttemptRunner.INSTANCE, isIdempotent(request), null);
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Unexpected checked failure from policy '" + this.policy.name() + "'", ex);
		}
	}

	static boolean isIdempotent(HttpRequest request) {
		return isIdempotent(request.getMethod(), request.getHeaders());
	}

	/** §10's rule, for blocking and reactive requests alike. */
	static boolean isIdempotent(HttpMethod method, HttpHeaders headers) {
		return IDEMPOTENT.contains(method) || headers.containsHeader(IDEMPOTENCY_KEY);
	}

	/** One request; the body is a byte array, so every attempt sends it again unchanged. */
	private record HttpAttempt(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
	}

	/**
	 * Spring 7 composes the interceptor chain from stateless functions and creates a new request
	 * at its end on each call, so the rest of the chain can run again on every attempt. The body is
	 * read within the attempt: a failure reading it is the attempt's failure.
	 */
	private enum HttpAttemptRunner implements AttemptRunner<HttpAttempt> {

		INSTANCE;

		@Override
		public Object first(HttpAttempt attempt) throws IOException {
			ClientHttpResponse response = StatusExceptions
				.throwIfError(attempt.execution().execute(attempt.request(), attempt.body()));
			return BufferedResponse.read(response);
		}

	}

}
