package dev.resilience.cloud;

/** What the quote server answers. */
public record Quote(String symbol, double price) {
}
