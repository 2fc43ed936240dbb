package dev.resilience.classify;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTests {

	@Test
	void listsTheFailureThenItsCausesOutermostFirst() {
		IOException root = new IOException("root");
		IllegalStateException middle = new IllegalStateException("middle", root);
		ExecutionException outer = new ExecutionException(middle);
		assertThat(Causes.of(outer)).containsExactly(outer, middle, root);
	}

	@Test
	void cutsACycle() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);
		assertThat(Causes.of(first)).containsExactly(first, second);
	}

	@Test
	void stopsAtTheDepthBound() {
		Throwable failure = new IOException("root");
		for (int i = 0; i < 40; i++) {
			failure = new IllegalStateException("level " + i, failure);
		}
		assertThat(Causes.of(failure)).hasSize(Causes.MAX_DEPTH).first().isSameAs(failure);
	}

	@Test
	void isEmptyForNull() {
		assertThat(Causes.of(null)).isEmpty();
	}

}
