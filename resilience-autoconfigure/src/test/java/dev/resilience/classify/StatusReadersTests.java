package dev.resilience.classify;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

class StatusReadersTests {

	@Test
	void readsEveryKindWhenAllLibrariesArePresent() {
		assertThat(StatusReaders.available(getClass().getClassLoader())).hasExactlyElementsOfTypes(
				RestClientStatusReader.class, WebClientStatusReader.class, FeignStatusReader.class,
				HandshakeStatusReader.class, DeploymentStatusReader.class);
	}

	@Test
	void leavesOutFeignWhenOpenFeignIsAbsent() throws Exception {
		try (FilteredClassLoader classLoader = new FilteredClassLoader("feign")) {
			assertThat(StatusReaders.available(classLoader)).hasExactlyElementsOfTypes(RestClientStatusReader.class,
					WebClientStatusReader.class, HandshakeStatusReader.class, DeploymentStatusReader.class);
		}
	}

	@Test
	void leavesOutWebClientWhenWebFluxIsAbsent() throws Exception {
		try (FilteredClassLoader classLoader = new FilteredClassLoader("org.springframework.web.reactive")) {
			assertThat(StatusReaders.available(classLoader)).hasExactlyElementsOfTypes(RestClientStatusReader.class,
					FeignStatusReader.class, HandshakeStatusReader.class, DeploymentStatusReader.class);
		}
	}

	@Test
	void leavesOutSpringReadersWhenSpringWebIsAbsent() throws Exception {
		try (FilteredClassLoader classLoader = new FilteredClassLoader("org.springframework.web", "feign")) {
			assertThat(StatusReaders.available(classLoader)).hasExactlyElementsOfTypes(HandshakeStatusReader.class,
					DeploymentStatusReader.class);
		}
	}

	@Test
	void classifierRunsWithoutSpringWebAndWebFluxOnTheClassPath() throws Exception {
		try (URLClassLoader classLoader = new URLClassLoader(classPathWithoutSpringWeb(),
				ClassLoader.getPlatformClassLoader())) {
			assertThat(ClassUtils.isPresent("org.springframework.web.client.RestClientResponseException", classLoader))
				.isFalse();
			Class<?> configType = classLoader.loadClass(ClassifierConfig.class.getName());
			Object config = configType.getMethod("empty").invoke(null);
			Object classifier = classLoader.loadClass(Classifier.class.getName())
				.getConstructor(String.class, configType, List.class, Clock.class)
				.newInstance("payments", config, List.of(), Clock.systemUTC());
			Method classify = classifier.getClass().getMethod("classify", Throwable.class);
			assertThat(classify.invoke(classifier, new IOException()))
				.hasToString("Verdict[classification=TRANSIENT, reason=IOException, retryAfter=null, "
						+ "credentialsRejected=false, pausesServer=false]");
			assertThat(classify.invoke(classifier, new WebSocketHandshakeException(FakeHttpResponse.of(401))))
				.hasToString("Verdict[classification=PERMANENT, reason=credentials rejected (WebSocket handshake "
						+ "HTTP 401), retryAfter=null, credentialsRejected=true, pausesServer=false]");
		}
	}

	private static URL[] classPathWithoutSpringWeb() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Stream.of(classPath.split(File.pathSeparator))
			.filter((entry) -> !new File(entry).getName().startsWith("spring-web"))
			.map(StatusReadersTests::toUrl)
			.toArray(URL[]::new);
	}

	private static URL toUrl(String entry) {
		try {
			return new File(entry).toURI().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
