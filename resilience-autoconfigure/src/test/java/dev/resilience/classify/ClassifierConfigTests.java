package dev.resilience.classify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClassifierConfigTests {

	@Test
	void copiesTheListsItIsGiven() {
		List<Class<? extends Throwable>> retryOn = new ArrayList<>(List.of(IOException.class));
		ClassifierConfig config = new ClassifierConfig(retryOn, List.of(), List.of());
		retryOn.add(IllegalStateException.class);
		assertThat(config.retryOn()).containsExactly(IOException.class);
	}

	@Test
	void exposesUnmodifiableLists() {
		ClassifierConfig config = new ClassifierConfig(List.of(), new ArrayList<>(), List.of());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> config.abortOn().add(IOException.class));
	}

	@Test
	void treatsNullListsAsEmpty() {
		ClassifierConfig config = new ClassifierConfig(null, null, null);
		assertThat(config).isEqualTo(ClassifierConfig.empty());
	}

	@Test
	void emptyHasNoClasses() {
		ClassifierConfig empty = ClassifierConfig.empty();
		assertThat(empty.retryOn()).isEmpty();
		assertThat(empty.abortOn()).isEmpty();
		assertThat(empty.ignore()).isEmpty();
	}

}
