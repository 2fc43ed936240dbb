package dev.resilience.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NearestKeyTests {

	private static final List<String> KNOWN = List.of("retry.max-attempts", "retry.max-elapsed-time",
			"circuit-breaker.failure-rate-threshold", "circuit-breaker.slow-call-rate-threshold");

	@Test
	void choosesTheKnownKeyFewestEditsAway() {
		assertThat(NearestKey.among("retry.max-attemps", KNOWN)).isEqualTo("retry.max-attempts");
	}

	@Test
	void comparesAsRelaxedBindingDoesIgnoringCaseDashesAndUnderscores() {
		assertThat(NearestKey.among("retry.MAX_ATTEMPTS", KNOWN)).isEqualTo("retry.max-attempts");
	}

	@Test
	void aKeyWrittenShortIsNearTheKeyItBegins() {
		assertThat(NearestKey.among("circuit-breaker.failure-rate", KNOWN))
			.isEqualTo("circuit-breaker.failure-rate-threshold");
	}

	@Test
	void nothingIsNearestAmongNoKeys() {
		assertThat(NearestKey.among("retry.max-attempts", List.of())).isNull();
	}

	@Test
	void distanceCountsInsertionsDeletionsAndSubstitutions() {
		assertThat(NearestKey.distance("kitten", "sitting")).isEqualTo(3);
		assertThat(NearestKey.distance("", "abc")).isEqualTo(3);
		assertThat(NearestKey.distance("same", "same")).isZero();
	}

}
