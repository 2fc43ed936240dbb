package dev.resilience.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * The report Spring Boot prints for a failed startup, found as its (package-private)
 * {@code FailureAnalyzers} finds it: every {@code FailureAnalyzer} of {@code spring.factories}
 * on the class path (Boot's, ours), in order, the first analysis wins.
 */
final class StartupFailureReport {

	/** As Boot does, an analyzer whose optional library is absent (Bean Validation) is left out. */
	private static final FailureHandler SKIP_UNAVAILABLE = FailureHandler.handleMessage((message, failure) -> {
	});

	private StartupFailureReport() {
	}

	/** The analysis of {@code failure}, or {@code null} when no analyzer recognizes it. */
	static FailureAnalysis of(Throwable failure) {
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new StandardEnvironment());
		for (FailureAnalyzer analyzer : SpringFactoriesLoader
			.forDefaultResourceLocation(StartupFailureReport.class.getClassLoader())
			.load(FailureAnalyzer.class, arguments, SKIP_UNAVAILABLE)) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

}
