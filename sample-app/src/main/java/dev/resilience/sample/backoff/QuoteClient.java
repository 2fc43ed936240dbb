package dev.resilience.sample.backoff;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import dev.resilience.Resilient;
import dev.resilience.sample.downstream.MisbehavingServer;

/**
 * Reads quotes from the quote service, written as a user of the starter would: a plain
 * {@link RestClient}, and {@link Resilient} naming the policy whose backoff applies. The methods
 * differ only in their policy (and one in its fallback), to show the set-ups side by side.
 */
@Service
public class QuoteClient {

	private final RestClient http;

	public QuoteClient(RestClient.Builder builder, @Qualifier("quoteServer") MisbehavingServer server) {
		this.http = builder.baseUrl(server.uri("/quotes/").toString()).build();
	}

	/** Policy {@code quotes}: cenkalti/backoff's defaults (500ms ×1.5 up to 60s, jitter 0.5). */
	@Resilient("quotes")
	public Quote latest(String symbol) {
		return fetch(symbol);
	}

	/** Policy {@code quotes-budget}: the same backoff under a short max-elapsed-time. */
	@Resilient("quotes-budget")
	public Quote latestWithinBudget(String symbol) {
		return fetch(symbol);
	}

	/**
	 * Policy {@code quotes-budget} with graceful degradation: when the call finally fails, the
	 * caller gets a stale quote instead of an exception.
	 */
	@Resilient(value = "quotes-budget", fallback = "stale")
	public Quote latestOrStale(String symbol) {
		return fetch(symbol);
	}

	/** The fallback of {@link #latestOrStale}: same parameters, then the failure. */
	public Quote stale(String symbol, Exception failure) {
		return new Quote(symbol, Double.NaN, false);
	}

	/** Policy {@code quotes-custom}: waits decided by the {@code quoteBackOff} bean. */
	@Resilient("quotes-custom")
	public Quote latestWithCustomBackOff(String symbol) {
		return fetch(symbol);
	}

	private Quote fetch(String symbol) {
		Quote quote = this.http.get().uri("{symbol}", symbol).retrieve().body(Quote.class);
		if (quote == null || quote.delisted()) {
			throw new DelistedSymbolException(symbol);
		}
		return quote;
	}

}
