package dev.resilience.cloud;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.cloud.openfeign.FallbackFactory;

/** The Feign fallback: a stale price, and a record of each failure it replaced. */
public class QuoteFallbacks implements FallbackFactory<QuoteClient> {

	static final Quote STALE = new Quote("STALE", -1);

	private final List<Throwable> causes = new CopyOnWriteArrayList<>();

	@Override
	public QuoteClient create(Throwable cause) {
		this.causes.add(cause);
		return (symbol) -> STALE;
	}

	List<Throwable> causes() {
		return this.causes;
	}

}
