package dev.resilience.classify;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.resilience.Classification;
import dev.resilience.FailureClassifier;
import dev.resilience.Permanent;
import dev.resilience.Transient;
import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpServerErrorException;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierTests {

	private static final List<Class<? extends Throwable>> NONE = List.of();

	@Test
	void abortOnMakesAnIOExceptionPermanent() {
		Classifier classifier = classifier(new ClassifierConfig(NONE, List.of(IOException.class), NONE));
		assertThat(classifier.classify(new SocketTimeoutException()))
			.isEqualTo(Verdict.of(Classification.PERMANENT, "classifier.abort-on: java.io.IOException"));
	}

	@Test
	void retryOnMakesAnIllegalArgumentExceptionTransient() {
		Classifier classifier = classifier(new ClassifierConfig(List.of(IllegalArgumentException.class), NONE, NONE));
		assertThat(classifier.classify(new IllegalArgumentException())).isEqualTo(
				Verdict.of(Classification.TRANSIENT, "classifier.retry-on: java.lang.IllegalArgumentException"));
	}

	@Test
	void ignoreMakesAnIOExceptionIgnored() {
		Classifier classifier = classifier(new ClassifierConfig(NONE, NONE, List.of(IOException.class)));
		assertThat(classifier.classify(new SocketTimeoutException()))
			.isEqualTo(Verdict.of(Classification.IGNORED, "classifier.ignore: java.io.IOException"));
	}

	@Test
	void listsOverrideAnHttpStatus() {
		Classifier classifier = classifier(new ClassifierConfig(NONE, List.of(HttpServerErrorException.class), NONE));
		assertThat(classifier.classify(serviceUnavailable()).isPermanent()).isTrue();
	}

	@Test
	void classifierBeansAreAskedInOrderAndTheFirstAnswerWins() {
		List<String> asked = new ArrayList<>();
		FailureClassifier abstaining = (policy, failure) -> {
			asked.add("abstaining");
			return null;
		};
		Classifier classifier = new Classifier("payments", ClassifierConfig.empty(),
				List.of(abstaining, new IgnoreQuota(), (policy, failure) -> Classification.PERMANENT),
				Clock.systemUTC());
		assertThat(classifier.classify(new QuotaException()))
			.isEqualTo(Verdict.of(Classification.IGNORED, "classifier bean IgnoreQuota"));
		assertThat(asked).containsExactly("abstaining");
	}

	@Test
	void classifierBeansReceiveThePolicyAndTheFailureItself() {
		List<Object> seen = new ArrayList<>();
		FailureClassifier recording = (policy, failure) -> {
			seen.add(policy);
			seen.add(failure);
			return null;
		};
		ExecutionException failure = new ExecutionException(new IOException());
		new Classifier("payments", ClassifierConfig.empty(), List.of(recording), Clock.systemUTC()).classify(failure);
		assertThat(seen).containsExactly("payments", failure);
	}

	@Test
	void namesALambdaClassifierBeanReadably() {
		Classifier classifier = new Classifier("payments", ClassifierConfig.empty(),
				List.of((policy, failure) -> Classification.TRANSIENT), Clock.systemUTC());
		assertThat(classifier.classify(new IllegalArgumentException()).reason())
			.isEqualTo("classifier bean ClassifierTests lambda");
	}

	@Test
	void whenEveryBeanAbstainsTheBuiltInRulesDecide() {
		Classifier classifier = new Classifier("payments", ClassifierConfig.empty(),
				List.of((policy, failure) -> null), Clock.systemUTC());
		assertThat(classifier.classify(new IllegalArgumentException()).isPermanent()).isTrue();
	}

	@Test
	void listsWinOverClassifierBeans() {
		Classifier classifier = new Classifier("payments",
				new ClassifierConfig(List.of(QuotaException.class), NONE, NONE), List.of(new IgnoreQuota()),
				Clock.systemUTC());
		assertThat(classifier.classify(new QuotaException()).isTransient()).isTrue();
	}

	@Test
	void listsWinOverAnnotations() {
		Classifier classifier = classifier(
				new ClassifierConfig(List.of(PaymentRejectedException.class), NONE, NONE));
		assertThat(classifier.classify(new CardDeclinedException()).isTransient()).isTrue();
	}

	@Test
	void classifierBeansWinOverAnnotations() {
		Classifier classifier = new Classifier("payments", ClassifierConfig.empty(),
				List.of((policy, failure) -> Classification.TRANSIENT), Clock.systemUTC());
		assertThat(classifier.classify(new CardDeclinedException()).isTransient()).isTrue();
	}

	@Test
	void permanentOnASuperclassMakesItsSubclassesPermanent() {
		assertThat(classifier().classify(new CardDeclinedException()))
			.isEqualTo(Verdict.of(Classification.PERMANENT,
					"@Permanent on dev.resilience.classify.ClassifierTests$PaymentRejectedException"));
	}

	@Test
	void nearestAnnotationWins() {
		assertThat(classifier().classify(new IssuerBusyException()).isTransient()).isTrue();
	}

	@Test
	void annotationsWinOverTheBuiltInRules() {
		assertThat(classifier().classify(new BadInputRetriedException()).isTransient()).isTrue();
	}

	@Test
	void annotationsOnACauseAreFound() {
		assertThat(classifier().classify(new CompletionException(new CardDeclinedException())).isPermanent()).isTrue();
	}

	@Test
	void classifiesARejectedTomcatHandshakeInsideAnExecutionException() {
		ExecutionException failure = new ExecutionException(
				new DeploymentException("Failed to handle HTTP response code [401]. Missing [WWW-Authenticate]"));
		assertThat(classifier().classify(failure)).isEqualTo(new Verdict(Classification.PERMANENT,
				"credentials rejected (WebSocket handshake HTTP 401)", null, true));
	}

	@Test
	void classifiesARejectedJdkHandshake() {
		Verdict verdict = classifier().classify(new WebSocketHandshakeException(FakeHttpResponse.of(403)));
		assertThat(verdict.isPermanent()).isTrue();
		assertThat(verdict.credentialsRejected()).isTrue();
	}

	@Test
	void classifiesAnOverloadedJdkHandshakeAsTransientWithItsRetryAfter() {
		WebSocketHandshakeException handshake = new WebSocketHandshakeException(
				FakeHttpResponse.withRetryAfter(503, "4"));
		Verdict verdict = classifier().classify(new CompletionException(handshake));
		assertThat(verdict).isEqualTo(new Verdict(Classification.TRANSIENT, "WebSocket handshake HTTP 503",
				Duration.ofSeconds(4), false, true));
	}

	@Test
	void classifiesAnythingElseAsTransient() {
		assertThat(classifier().classify(new QuotaException()).isTransient()).isTrue();
	}

	private static Classifier classifier() {
		return classifier(ClassifierConfig.empty());
	}

	private static Classifier classifier(ClassifierConfig config) {
		return new Classifier("payments", config, List.of(), Clock.systemUTC());
	}

	private static HttpServerErrorException serviceUnavailable() {
		return HttpServerErrorException.create(HttpStatusCode.valueOf(503), "Service Unavailable", null, null, null);
	}

	static class QuotaException extends RuntimeException {

	}

	@Permanent
	static class PaymentRejectedException extends RuntimeException {

	}

	static class CardDeclinedException extends PaymentRejectedException {

	}

	@Transient
	static class IssuerBusyException extends PaymentRejectedException {

	}

	@Transient
	static class BadInputRetriedException extends IllegalArgumentException {

	}

	static class IgnoreQuota implements FailureClassifier {

		@Override
		public Classification classify(String policy, Throwable failure) {
			return (failure instanceof QuotaException) ? Classification.IGNORED : null;
		}

	}

}
