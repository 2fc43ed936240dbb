package dev.resilience.sample.interfaceclient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import dev.resilience.sample.backoff.Quote;

/**
 * The quote service as a Spring HTTP interface client. Its group, {@code quote-service}, is also
 * a policy in {@code application.yml}, so every request goes through that policy with no code:
 * no annotation, no {@code Resilience} call.
 */
@HttpExchange("/quotes")
public interface QuoteService {

	@GetExchange("/{symbol}")
	Quote quote(@PathVariable String symbol);

}
