package dev.resilience.sample.downstream;

import java.io.IOException;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The misbehaving downstreams of the scenarios, all on loopback and random ports: no external
 * network is touched. (The feature-flag WebSocket server of scenario 1 runs on the application's
 * own server: see {@code FlagServerConfiguration}.)
 */
@Configuration(proxyBeanMethods = false)
public class DownstreamServers {

	/** Scenario 4: 503 three times, then a quote. */
	public static final String FLAKY_QUOTE = "/quotes/FLAKY";

	/** Scenario 4: 429 with {@code Retry-After: 1} once, then a quote. */
	public static final String BUSY_QUOTE = "/quotes/BUSY";

	/** Scenario 4: a quote the application must refuse (delisted symbol). */
	public static final String DELISTED_QUOTE = "/quotes/GONE";

	/** Scenario 4: 503, always. */
	public static final String DOWN_QUOTE = "/quotes/DOWN";

	/** The HTTP interface client ({@code QuoteService}): 503 twice, then a quote. */
	public static final String INTERFACE_QUOTE = "/quotes/IFACE";

	/** Scenario 3: never answers in time. */
	public static final String HANGING_EMBEDDING = "/embed/hang";

	/** Scenario 3: never answers in time, for the reactive client. */
	public static final String HANGING_EMBEDDING_REACTIVE = "/embed/hang-reactive";

	/** Scenario 3: hangs until the scenario opens the {@link Gate} of the embedding server. */
	public static final String GATED_EMBEDDING = "/embed/gated";

	/** Scenario 3: 429 with {@code Retry-After: 1} once, then an embedding. */
	public static final String QUOTA_EMBEDDING = "/embed/quota";

	/** Scenario 3: 401, the key is wrong. */
	public static final String UNAUTHORIZED_EMBEDDING = "/embed/auth";

	/** Scenario 3: 503, always: the embedding server is dead. */
	public static final String DEAD_EMBEDDING = "/embed/dead";

	/** Scenario 6: 503 to two requests in five (40%), for the policy with a retry budget. */
	public static final String STORM_BUDGETED = "/storm/budgeted";

	/** Scenario 6: the same, for the policy without a retry budget. */
	public static final String STORM_UNBUDGETED = "/storm/unbudgeted";

	/** Scenario 5: a watch stream that ends as soon as it starts. */
	public static final String WATCH = "/watch";

	private static final String QUOTE = "{\"symbol\":\"ACME\",\"price\":42.5,\"delisted\":false}";

	private static final String EMBEDDING = "{\"embedding\":[0.12,0.5,0.33]}";

	/** Long enough to outlast every read timeout of the sample; released when the server stops. */
	private static final Duration HANG = Duration.ofSeconds(30);

	@Bean
	MisbehavingServer quoteServer() throws IOException {
		return new MisbehavingServer("quotes").route(FLAKY_QUOTE, Responder.unavailableTimes(3, QUOTE))
			.route(BUSY_QUOTE, Responder.tooManyRequestsOnce(Duration.ofSeconds(1), QUOTE))
			.route(DELISTED_QUOTE, Responder.status(200, "{\"symbol\":\"GONE\",\"price\":0,\"delisted\":true}"))
			.route(DOWN_QUOTE, Responder.status(503, "{\"error\":\"unavailable\"}"))
			.route(INTERFACE_QUOTE, Responder.unavailableTimes(2, QUOTE));
	}

	@Bean
	Gate embeddingGate() {
		return new Gate();
	}

	@Bean
	MisbehavingServer embeddingServer(Gate embeddingGate) throws IOException {
		return new MisbehavingServer("embedding").route(HANGING_EMBEDDING, Responder.hang(HANG))
			.route(HANGING_EMBEDDING_REACTIVE, Responder.hang(HANG))
			.route(GATED_EMBEDDING, Responder.hangAtGate(embeddingGate, HANG))
			.route(QUOTA_EMBEDDING, Responder.tooManyRequestsOnce(Duration.ofSeconds(1), EMBEDDING))
			.route(UNAUTHORIZED_EMBEDDING, Responder.status(401, "{\"error\":\"invalid api key\"}"))
			.route(DEAD_EMBEDDING, Responder.status(503, "{\"error\":\"unavailable\"}"));
	}

	@Bean
	MisbehavingServer stormServer() throws IOException {
		return new MisbehavingServer("storm").route(STORM_BUDGETED, Responder.failingTwoInFive(QUOTE))
			.route(STORM_UNBUDGETED, Responder.failingTwoInFive(QUOTE));
	}

	@Bean
	MisbehavingServer watchServer() throws IOException {
		return new MisbehavingServer("watch").route(WATCH, Responder.closeAtOnce());
	}

	@Bean
	ClosedPort closedPort() throws IOException {
		return ClosedPort.find();
	}

}
