package dev.resilience.http;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import dev.resilience.policy.AsyncAttemptRunner;
import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.Policy;
import dev.resilience.policy.ReactiveCall;

/**
 * Sends each reactive request through one policy (§10, §14): each subscription to the exchange is
 * one call, each retry sends the request again through the rest of the filter chain. An error
 * status becomes WebFlux's {@code WebClientResponseException} (status, headers, body) inside the
 * attempt, so 429/503 are retried, honouring {@code Retry-After}, and 401/403 are not. The same
 * HTTP method rules as the blocking client. Thread-safe.
 */
final class PolicyExchangeFilter implements ExchangeFilterFunction {

	private final Policy policy;

	private final AsyncPolicyExecutor executor;

	PolicyExchangeFilter(Policy policy, AsyncPolicyExecutor executor) {
		this.policy = policy;
		this.executor = executor;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		boolean idempotent = PolicyRequestInterceptor.isIdempotent(request.method(), request.headers());
		return ReactiveCall.mono(this.executor, this.policy, new Exchange(request, next), ExchangeRunner.INSTANCE,
				idempotent, null)
			.cast(ClientResponse.class);
	}

	/** One request; WebFlux's requests can be sent again as they are. */
	private record Exchange(ClientRequest request, ExchangeFunction next) {
	}

	private enum ExchangeRunner implements AsyncAttemptRunner<Exchange> {

		INSTANCE;

		@Override
		public Object attempt(Exchange exchange) {
			return exchange.next()
				.exchange(exchange.request())
				.flatMap((response) -> response.statusCode().isError() ? response.createError()
						: Mono.just(response));
		}

	}

}
