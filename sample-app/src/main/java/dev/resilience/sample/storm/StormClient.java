package dev.resilience.sample.storm;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.Resilience;
import dev.resilience.sample.downstream.DownstreamServers;
import dev.resilience.sample.downstream.MisbehavingServer;

/**
 * Calls the struggling server of incident 6 through two policies that differ only in their
 * retry budget: {@code storm} (the budget on, as by default) and {@code storm-unbudgeted}
 * ({@code retry.budget.enabled: false}).
 */
@Service
public class StormClient {

	private final RestClient budgeted;

	private final RestClient unbudgeted;

	public StormClient(Resilience resilience, @Qualifier("stormServer") MisbehavingServer server) {
		this.budgeted = resilience.restClient("storm").baseUrl(server.uri(DownstreamServers.STORM_BUDGETED).toString())
			.build();
		this.unbudgeted = resilience.restClient("storm-unbudgeted")
			.baseUrl(server.uri(DownstreamServers.STORM_UNBUDGETED).toString())
			.build();
	}

	/** One quote, through the policy with the budget ({@code true}) or without. */
	public String quote(boolean withBudget) {
		RestClient client = withBudget ? this.budgeted : this.unbudgeted;
		return client.get().retrieve().body(String.class);
	}

}
