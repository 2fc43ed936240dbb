package dev.resilience.cloud;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A factory's breakers by id and group (Spring Cloud OpenFeign asks for one on every call), at
 * most {@value #MAX_CACHED}: past that, new ones are made per request (ids built from data must
 * not grow memory without bound). Thread-safe.
 *
 * @param <B> the breaker type
 */
final class BreakerCache<B> {

	static final int MAX_CACHED = 1000;

	private final Map<Key, B> breakers = new ConcurrentHashMap<>();

	private final BiFunction<String, String, B> maker;

	/** @param maker the breaker for an id and a group ({@code null} for none) */
	BreakerCache(BiFunction<String, String, B> maker) {
		this.maker = maker;
	}

	B get(String id, String groupName) {
		Key key = new Key(id, groupName);
		B breaker = this.breakers.get(key);
		if (breaker != null) {
			return breaker;
		}
		if (this.breakers.size() >= MAX_CACHED) {
			return this.maker.apply(id, groupName);
		}
		return this.breakers.computeIfAbsent(key, (k) -> this.maker.apply(id, groupName));
	}

	/** Forgets every breaker: the choice of policies changed. */
	void clear() {
		this.breakers.clear();
	}

	private record Key(String id, String group) {
	}

}
