package dev.resilience.benchmarks;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the benchmarks' Spring contexts: no web server, no banner, warnings only. */
final class Contexts {

	private Contexts() {
	}

	static ConfigurableApplicationContext start(Class<?> configuration) {
		return new SpringApplicationBuilder(configuration).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn")
			.run();
	}

}
