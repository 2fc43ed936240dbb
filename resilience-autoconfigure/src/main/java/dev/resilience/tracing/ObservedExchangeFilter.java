package dev.resilience.tracing;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientHttpObservationDocumentation;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Observes every physical request of a policy's {@code WebClient} ({@code http.client.requests},
 * as {@code WebClient} itself does for each exchange): the filter comes right after the policy's,
 * inside its retries, so each attempt's request is its own span, a child of the
 * {@code resilience.attempt} that its subscriber context holds; a resend (attempt 2 or later)
 * carries {@code http.request.resend_count}. Trace headers go on each request sent. Loaded only
 * when Spring WebFlux is present and calls are traced. Thread-safe.
 */
public final class ObservedExchangeFilter implements ExchangeFilterFunction {

	// Where WebClient keeps the URI template of a request (the low-cardinality "uri" key value).
	private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

	private static final ClientRequestObservationConvention DEFAULT_CONVENTION = new DefaultClientRequestObservationConvention();

	private final ObservationRegistry registry;

	private final ClientRequestObservationConvention convention;

	/**
	 * @param registry the application's observation registry
	 * @param convention the application's convention, or {@code null} for Spring's default
	 */
	public ObservedExchangeFilter(ObservationRegistry registry, ClientRequestObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual((subscriberContext) -> {
			ClientRequest.Builder sent = ClientRequest.from(request);
			ClientRequestObservationContext context = new ClientRequestObservationContext(sent);
			if (request.attribute(URI_TEMPLATE_ATTRIBUTE).orElse(null) instanceof String template) {
				context.setUriTemplate(template);
			}
			Observation observation = ClientHttpObservationDocumentation.HTTP_REACTIVE_CLIENT_EXCHANGES
				.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry);
			Observation parent = (subscriberContext.getOrDefault(ObservationThreadLocalAccessor.KEY,
					null) instanceof Observation current) ? current : this.registry.getCurrentObservation();
			if (parent != null) {
				observation.parentObservation(parent);
			}
			AttemptContext attempt = AttemptContext.enclosing(parent);
			if (attempt != null && attempt.attempt() > 1) {
				observation.highCardinalityKeyValue(ObservedRequest.RESEND_COUNT,
						Integer.toString(attempt.attempt() - 1));
			}
			observation.start();
			ClientRequest observed = sent.build();
			context.setRequest(observed);
			Exchange exchange = new Exchange(observation, context);
			return next.exchange(observed)
				.doOnNext(exchange::answered)
				.doOnError(exchange::failed)
				.doOnCancel(exchange::stop)
				.contextWrite((inner) -> inner.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * One request's observation, stopped once: when the answer's status and headers arrive (before
	 * the attempt that sent it goes on with the answer, so the span ends inside its attempt), when
	 * the request fails, or when it is cancelled first.
	 */
	private static final class Exchange {

		private final AtomicBoolean stopped = new AtomicBoolean();

		private final Observation observation;

		private final ClientRequestObservationContext context;

		Exchange(Observation observation, ClientRequestObservationContext context) {
			this.observation = observation;
			this.context = context;
		}

		void answered(ClientResponse response) {
			this.context.setResponse(response);
			stop();
		}

		void failed(Throwable failure) {
			if (!this.stopped.get()) {
				this.observation.error(failure);
			}
			stop();
		}

		void stop() {
			if (this.stopped.compareAndSet(false, true)) {
				this.observation.stop();
			}
		}

	}

}
