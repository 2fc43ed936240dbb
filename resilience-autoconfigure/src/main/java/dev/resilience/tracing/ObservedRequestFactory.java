package dev.resilience.tracing;

import java.io.IOException;
import java.net.URI;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.observation.ClientRequestObservationConvention;

/**
 * Observes every physical request of a policy's {@code RestClient} ({@code http.client.requests},
 * as {@code RestClient} itself does for each exchange): the request factory sits at the end of the
 * interceptor chain, inside the policy's retries, so each attempt's request is its own span, a
 * child of its {@code resilience.attempt}. Thread-safe.
 */
public final class ObservedRequestFactory implements ClientHttpRequestFactory {

	private final ClientHttpRequestFactory delegate;

	private final ObservationRegistry registry;

	private final ClientRequestObservationConvention convention;

	/**
	 * @param registry the application's observation registry
	 * @param convention the application's convention, or {@code null} for Spring's default
	 */
	public ObservedRequestFactory(ClientHttpRequestFactory delegate, ObservationRegistry registry,
			ClientRequestObservationConvention convention) {
		this.delegate = delegate;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		return new ObservedRequest(this.delegate.createRequest(uri, httpMethod), this.registry, this.convention);
	}

}
