package dev.resilience.sample.embedding;

import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;

import dev.resilience.Resilience;
import dev.resilience.sample.downstream.MisbehavingServer;

/**
 * The embedding client of incident 3 once more, reactive: a {@code WebClient} from
 * {@code Resilience.webClient(policy)}, which carries the policy's connect and read timeouts on
 * whichever connector the application has and sends each request through the policy. Nothing
 * happens until the returned {@code Mono} is subscribed; each subscription is one call, and each
 * retry sends the request again, after a wait that blocks no thread.
 */
@Service
public class ReactiveEmbeddingClient {

	private final WebClient client;

	public ReactiveEmbeddingClient(Resilience resilience, @Qualifier("embeddingServer") MisbehavingServer server) {
		WebClient.Builder builder = resilience.webClient("embedding-reactive");
		this.client = builder.baseUrl(server.uri("/embed/").toString()).build();
	}

	/** Embeds {@code text} on the server's {@code route}; safe to repeat, so it sends an Idempotency-Key. */
	public Mono<Embedding> embed(String route, String text) {
		return this.client.post()
			.uri(route)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("input", text))
			.retrieve()
			.bodyToMono(Embedding.class);
	}

}
