package dev.resilience.cloud;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A Feign client of the quote server; its circuit breaker ids are {@code QuoteClient#quote(String)}. */
@FeignClient(name = "quotes", url = "${quotes.url}", fallbackFactory = QuoteFallbacks.class)
public interface QuoteClient {

	@GetMapping("/quotes/{symbol}")
	Quote quote(@PathVariable("symbol") String symbol);

}
