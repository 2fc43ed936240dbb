package dev.resilience.sample.embedding;

import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.Resilience;
import dev.resilience.sample.downstream.MisbehavingServer;

/**
 * Calls the embedding servers of incident 3, written as a user would: clients from
 * {@code Resilience.restClient(policy)}, which carry the policy's connect and read timeouts and
 * send each request through the policy. Computing an embedding is safe to repeat, so
 * {@link #embed} sends an {@code Idempotency-Key} and may be retried; {@link #index} stores a
 * document and must not be sent twice, so a POST without the key is retried only when it never
 * left.
 */
@Service
public class EmbeddingClient {

	private final RestClient primary;

	private final RestClient backup;

	public EmbeddingClient(Resilience resilience, @Qualifier("embeddingServer") MisbehavingServer server) {
		this.primary = resilience.restClient("embedding").baseUrl(server.uri("/embed/").toString()).build();
		this.backup = resilience.restClient("embedding-backup").baseUrl(server.uri("/embed/").toString()).build();
	}

	/** Embeds {@code text} on the primary server's {@code route}. */
	public Embedding embed(String route, String text) {
		return this.primary.post()
			.uri(route)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("input", text))
			.retrieve()
			.body(Embedding.class);
	}

	/** Embeds {@code text} on the backup server's {@code route}. */
	public Embedding embedOnBackup(String route, String text) {
		return this.backup.post()
			.uri(route)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("input", text))
			.retrieve()
			.body(Embedding.class);
	}

	/** Stores a document in the primary server's index: not idempotent, no key. */
	public void index(String route, String document) {
		this.primary.post()
			.uri(route)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("document", document))
			.retrieve()
			.toBodilessEntity();
	}

}
