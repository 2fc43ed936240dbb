package dev.resilience.sample.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import dev.resilience.Resilience;
import dev.resilience.SessionContext;
import dev.resilience.Supervised;
import dev.resilience.sample.downstream.DownstreamServers;
import dev.resilience.sample.downstream.MisbehavingServer;

/**
 * The service-discovery watch of incident 5: a long-lived HTTP stream of instance changes, one
 * per line. Written as a user would: the session reads until the stream ends and returns. The
 * original loop missed the end and spun; here the end of the stream ends the session, and the
 * starter decides when (and whether) to watch again.
 */
@Service
public class ServiceWatcher {

	private final Resilience resilience;

	private final URI watch;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Map<String, String> instances = new ConcurrentHashMap<>();

	public ServiceWatcher(Resilience resilience, @Qualifier("watchServer") MisbehavingServer server) {
		this.resilience = resilience;
		this.watch = server.uri(DownstreamServers.WATCH);
	}

	/** Starts watching under policy {@code discovery}. */
	public Supervised start() {
		return this.resilience.supervise("discovery-watch", "discovery", this::watch);
	}

	private void watch(SessionContext context) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.watch).GET().build();
		HttpResponse<Stream<String>> response = this.http.send(request, HttpResponse.BodyHandlers.ofLines());
		if (response.statusCode() != 200) {
			throw new IOException("Watch answered " + response.statusCode());
		}
		context.connected();
		try (Stream<String> lines = response.body()) {
			lines.forEach((line) -> this.instances.put(line, line));
		}
		// The stream ended: return, and let the supervisor decide.
	}

	/** The instances seen so far. */
	public Map<String, String> instances() {
		return Map.copyOf(this.instances);
	}

}
