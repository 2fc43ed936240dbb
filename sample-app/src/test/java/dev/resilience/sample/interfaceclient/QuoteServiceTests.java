package dev.resilience.sample.interfaceclient;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import dev.resilience.policy.CallOutcome;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.sample.RecordingSleeper;
import dev.resilience.sample.SampleAppTest;
import dev.resilience.sample.backoff.Quote;
import dev.resilience.sample.downstream.DownstreamServers;
import dev.resilience.sample.downstream.MisbehavingServer;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP interface client of the sample: its group's policy retries the quote server's 503s. */
@SampleAppTest
class QuoteServiceTests {

	@Autowired
	private QuoteService quotes;

	@Autowired
	@Qualifier("quoteServer")
	private MisbehavingServer server;

	@Autowired
	private PolicyRegistry registry;

	@Autowired
	private RecordingSleeper sleeper;

	@BeforeEach
	void reset() {
		this.server.reset(DownstreamServers.INTERFACE_QUOTE);
		this.sleeper.clear();
	}

	@Test
	void twoServiceUnavailableAnswersAreRetriedByTheGroupsPolicy() {
		long recovered = this.registry.find("quote-service").counts().get(CallOutcome.RECOVERED);
		Quote quote = this.quotes.quote("IFACE");
		assertThat(quote).isEqualTo(new Quote("ACME", 42.5, false));
		assertThat(this.server.hits(DownstreamServers.INTERFACE_QUOTE)).hasSize(3);
		assertThat(this.sleeper.callerWaits()).hasSize(2);
		assertThat(this.registry.find("quote-service").counts().get(CallOutcome.RECOVERED)).isEqualTo(recovered + 1);
	}

}
