package dev.resilience.sample.embedding;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import dev.resilience.Resilient;
import dev.resilience.sample.downstream.MisbehavingServer;

/**
 * Calls the embedding server the way much existing code does: the JDK's {@code HttpClient} with
 * no connect timeout and no request timeout at all, through a wrapper that waits with
 * {@code join()}, which an interrupt does not end. Nothing in the client stops a hang; only the
 * policy's {@code timeout.attempt} and bulkhead do.
 */
@Service
public class BareEmbeddingClient {

	private final HttpClient client = HttpClient.newHttpClient();

	private final MisbehavingServer server;

	private final AtomicInteger attempts = new AtomicInteger();

	public BareEmbeddingClient(@Qualifier("embeddingServer") MisbehavingServer server) {
		this.server = server;
	}

	/** Embeds {@code text} on the server's {@code path}. */
	@Resilient("embedding-bare")
	public String embed(String path, String text) {
		this.attempts.incrementAndGet();
		HttpRequest request = HttpRequest.newBuilder(this.server.uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + text + "\"}"))
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join().body();
	}

	/** Attempts made, each a call of {@link #embed} on one of the starter's threads. */
	public int attempts() {
		return this.attempts.get();
	}

}
