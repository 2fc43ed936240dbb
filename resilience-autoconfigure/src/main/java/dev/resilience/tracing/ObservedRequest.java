package dev.resilience.tracing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientHttpObservationDocumentation;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.ClientRequestObservationConvention;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.web.client.RestClient;

/**
 * One physical request, observed from sending to the response's status and headers; a resend
 * (attempt 2 or later of its call) carries {@code http.request.resend_count} (OpenTelemetry's
 * convention). Not thread-safe, as the request it wraps.
 */
final class ObservedRequest implements ClientHttpRequest {

	static final String RESEND_COUNT = "http.request.resend_count";

	// Where RestClient keeps the URI template of a request (the low-cardinality "uri" key value).
	private static final String URI_TEMPLATE_ATTRIBUTE = RestClient.class.getName() + ".uriTemplate";

	private static final ClientRequestObservationConvention DEFAULT_CONVENTION = new DefaultClientRequestObservationConvention();

	private final ClientHttpRequest delegate;

	private final ObservationRegistry registry;

	private final ClientRequestObservationConvention convention;

	ObservedRequest(ClientHttpRequest delegate, ObservationRegistry registry,
			ClientRequestObservationConvention convention) {
		this.delegate = delegate;
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public ClientHttpResponse execute() throws IOException {
		ClientRequestObservationContext context = new ClientRequestObservationContext(this.delegate);
		if (this.delegate.getAttributes().get(URI_TEMPLATE_ATTRIBUTE) instanceof String template) {
			context.setUriTemplate(template);
		}
		Observation observation = ClientHttpObservationDocumentation.HTTP_CLIENT_EXCHANGES
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry);
		AttemptContext attempt = AttemptContext.enclosing(this.registry.getCurrentObservation());
		if (attempt != null && attempt.attempt() > 1) {
			observation.highCardinalityKeyValue(RESEND_COUNT, Integer.toString(attempt.attempt() - 1));
		}
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			ClientHttpResponse response = this.delegate.execute();
			context.setResponse(response);
			return response;
		}
		catch (IOException | RuntimeException | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	@Override
	public OutputStream getBody() throws IOException {
		return this.delegate.getBody();
	}

	@Override
	public HttpMethod getMethod() {
		return this.delegate.getMethod();
	}

	@Override
	public URI getURI() {
		return this.delegate.getURI();
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.delegate.getHeaders();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.delegate.getAttributes();
	}

}
