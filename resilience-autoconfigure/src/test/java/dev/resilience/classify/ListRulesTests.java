package dev.resilience.classify;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.ExecutionException;

import dev.resilience.Classification;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListRulesTests {

	private static final List<Class<? extends Throwable>> NONE = List.of();

	@Test
	void subclassesOfAListedClassMatch() {
		ListRules rules = new ListRules(new ClassifierConfig(NONE, List.of(IOException.class), NONE));
		assertThat(classify(rules, new SocketTimeoutException()))
			.isEqualTo(Verdict.of(Classification.PERMANENT, "classifier.abort-on: java.io.IOException"));
	}

	@Test
	void mostSpecificListedClassWins() {
		ListRules rules = new ListRules(
				new ClassifierConfig(List.of(IOException.class), List.of(FileNotFoundException.class), NONE));
		assertThat(classify(rules, new FileNotFoundException()).isPermanent()).isTrue();
		assertThat(classify(rules, new SocketTimeoutException()).isTransient()).isTrue();
	}

	@Test
	void mostSpecificListedClassWinsWhicheverListHoldsIt() {
		ListRules rules = new ListRules(
				new ClassifierConfig(List.of(FileNotFoundException.class), List.of(IOException.class), NONE));
		assertThat(classify(rules, new FileNotFoundException()).isTransient()).isTrue();
		assertThat(classify(rules, new SocketTimeoutException()).isPermanent()).isTrue();
	}

	@Test
	void sameClassInSeveralListsResolvesAsIgnoreThenAbortOnThenRetryOn() {
		List<Class<? extends Throwable>> quota = List.of(QuotaException.class);
		ListRules inAllThree = new ListRules(new ClassifierConfig(quota, quota, quota));
		ListRules inRetryOnAndAbortOn = new ListRules(new ClassifierConfig(quota, quota, NONE));
		assertThat(classify(inAllThree, new QuotaException()).isIgnored()).isTrue();
		assertThat(classify(inRetryOnAndAbortOn, new QuotaException()).isPermanent()).isTrue();
	}

	@Test
	void nestedClassesAreNamedWithADollarSign() {
		ListRules rules = new ListRules(new ClassifierConfig(NONE, NONE, List.of(QuotaException.class)));
		assertThat(classify(rules, new QuotaException()))
			.isEqualTo(Verdict.of(Classification.IGNORED,
					"classifier.ignore: dev.resilience.classify.ListRulesTests$QuotaException"));
	}

	@Test
	void searchesTheCauses() {
		ListRules rules = new ListRules(new ClassifierConfig(NONE, List.of(QuotaException.class), NONE));
		Verdict verdict = classify(rules, new ExecutionException(new IllegalStateException(new QuotaException())));
		assertThat(verdict.isPermanent()).isTrue();
	}

	@Test
	void outermostListedThrowableDecides() {
		ListRules rules = new ListRules(
				new ClassifierConfig(List.of(IllegalStateException.class), List.of(QuotaException.class), NONE));
		assertThat(classify(rules, new IllegalStateException(new QuotaException())).isTransient()).isTrue();
	}

	@Test
	void answersNullWhenNoListNamesTheFailure() {
		ListRules rules = new ListRules(new ClassifierConfig(List.of(IOException.class), NONE, NONE));
		assertThat(classify(rules, new ExecutionException(new IllegalStateException()))).isNull();
	}

	@Test
	void answersNullWithEmptyLists() {
		assertThat(classify(new ListRules(ClassifierConfig.empty()), new IOException())).isNull();
	}

	@Test
	void answersTheSameForARepeatedClass() {
		ListRules rules = new ListRules(new ClassifierConfig(List.of(IOException.class), NONE, NONE));
		assertThat(classify(rules, new IOException("first"))).isSameAs(classify(rules, new IOException("second")));
	}

	private static Verdict classify(ListRules rules, Throwable failure) {
		return rules.classify(Causes.of(failure));
	}

	static class QuotaException extends RuntimeException {

	}

}
