package dev.resilience.sample.backoff;

/** A price quote from the quote service. */
public record Quote(String symbol, double price, boolean delisted) {
}
