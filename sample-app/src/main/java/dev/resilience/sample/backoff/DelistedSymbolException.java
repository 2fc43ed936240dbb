package dev.resilience.sample.backoff;

import dev.resilience.Permanent;

/**
 * The symbol no longer trades: asking again cannot help. {@code @Permanent} is the starter's
 * version of cenkalti/backoff's {@code backoff.Permanent(err)}: the call ends at once.
 */
@Permanent
public class DelistedSymbolException extends RuntimeException {

	public DelistedSymbolException(String symbol) {
		super("Symbol " + symbol + " is delisted");
	}

}
