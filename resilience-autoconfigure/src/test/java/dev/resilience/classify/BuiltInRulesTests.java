package dev.resilience.classify;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.net.ssl.SSLHandshakeException;

import dev.resilience.Classification;
import dev.resilience.TimeoutExceededException;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInRulesTests {

	private final BuiltInRules rules = new BuiltInRules(
			new HttpStatusRule(StatusReaders.available(getClass().getClassLoader()), Clock.systemUTC()));

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("table")
	void classifiesByTheBuiltInTable(Throwable failure, Classification classification, String reason) {
		assertThat(classify(failure)).isEqualTo(Verdict.of(classification, reason));
	}

	static Stream<Arguments> table() {
		return Stream.of(row(new AssertionError("bug"), Classification.PERMANENT, "AssertionError"),
				row(new StackOverflowError(), Classification.PERMANENT, "StackOverflowError"),
				row(new InterruptedException(), Classification.PERMANENT, "InterruptedException"),
				row(new IllegalArgumentException(), Classification.PERMANENT, "IllegalArgumentException"),
				row(new NumberFormatException(), Classification.PERMANENT, "NumberFormatException"),
				row(new NullPointerException(), Classification.PERMANENT, "NullPointerException"),
				row(new ClassCastException(), Classification.PERMANENT, "ClassCastException"),
				row(new UnsupportedOperationException(), Classification.PERMANENT, "UnsupportedOperationException"),
				row(new SSLHandshakeException("bad certificate"), Classification.PERMANENT, "SSLHandshakeException"),
				row(new IOException(), Classification.TRANSIENT, "IOException"),
				row(new ConnectException(), Classification.TRANSIENT, "ConnectException"),
				row(new SocketTimeoutException(), Classification.TRANSIENT, "SocketTimeoutException"),
				row(new FileNotFoundException(), Classification.TRANSIENT, "FileNotFoundException"),
				row(new TimeoutException(), Classification.TRANSIENT, "TimeoutException"),
				row(new TimeoutExceededException("p", Duration.ofSeconds(1), false), Classification.TRANSIENT,
						"TimeoutExceededException"),
				row(new ResourceAccessException("I/O error"), Classification.TRANSIENT, "ResourceAccessException"),
				row(new IllegalStateException(), Classification.TRANSIENT, "unclassified IllegalStateException"),
				row(new Exception(), Classification.TRANSIENT, "unclassified Exception"));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("wrapped")
	void searchesTheCauses(Throwable failure, Classification classification, String reason) {
		assertThat(classify(failure)).isEqualTo(Verdict.of(classification, reason));
	}

	static Stream<Arguments> wrapped() {
		return Stream.of(
				row(new RestClientException("I/O error", new SocketTimeoutException("Read timed out")),
						Classification.TRANSIENT, "SocketTimeoutException"),
				row(new UncheckedIOException(new IOException("reset")), Classification.TRANSIENT, "IOException"),
				row(new ExecutionException(new IllegalArgumentException()), Classification.PERMANENT,
						"IllegalArgumentException"),
				row(new ResourceAccessException("I/O error", new SSLHandshakeException("bad certificate")),
						Classification.PERMANENT, "SSLHandshakeException"),
				row(new IllegalStateException(new OutOfMemoryError()), Classification.PERMANENT, "OutOfMemoryError"),
				row(new IllegalStateException(new IllegalStateException()), Classification.TRANSIENT,
						"unclassified IllegalStateException"));
	}

	@Test
	void doesNotTouchTheInterruptFlag() {
		classify(new InterruptedException());
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void treatsTransientDataAccessExceptionAndItsSubclassesAsTransient() throws Exception {
		Class<? extends RuntimeException> base = define("org.springframework.dao.TransientDataAccessException",
				RuntimeException.class);
		Class<? extends RuntimeException> subclass = define("com.acme.QueryTimeoutException", base);
		assertThat(classify(instantiate(base)))
			.isEqualTo(Verdict.of(Classification.TRANSIENT, "TransientDataAccessException"));
		assertThat(classify(instantiate(subclass)))
			.isEqualTo(Verdict.of(Classification.TRANSIENT, "QueryTimeoutException"));
	}

	@Test
	void treatsRecoverableDataAccessExceptionAsTransient() throws Exception {
		Class<? extends RuntimeException> type = define("org.springframework.dao.RecoverableDataAccessException",
				RuntimeException.class);
		assertThat(classify(instantiate(type)).isTransient()).isTrue();
	}

	@Test
	void treatsOtherDataAccessExceptionsAsUnclassified() throws Exception {
		Class<? extends RuntimeException> type = define("org.springframework.dao.DataIntegrityViolationException",
				RuntimeException.class);
		assertThat(classify(instantiate(type)).reason()).isEqualTo("unclassified DataIntegrityViolationException");
	}

	private Verdict classify(Throwable failure) {
		return this.rules.classify(Causes.of(failure));
	}

	private static Arguments row(Throwable failure, Classification classification, String reason) {
		return Arguments.of(failure, classification, reason);
	}

	// spring-tx is not a dependency: the types are defined at run time, under their real names.
	private static <T extends RuntimeException> Class<? extends T> define(String name, Class<T> superclass) {
		return new ByteBuddy().subclass(superclass)
			.name(name)
			.make()
			.load(superclass.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
			.getLoaded();
	}

	private static RuntimeException instantiate(Class<? extends RuntimeException> type) throws Exception {
		return type.getConstructor(String.class).newInstance("failed");
	}

}
