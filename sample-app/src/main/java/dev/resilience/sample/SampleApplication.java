package dev.resilience.sample;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.resilience.sample.scenario.ScenarioCommandLine;

/**
 * The sample application: the five incidents of SCENARIOS.md reproduced against misbehaving
 * servers it starts itself on loopback. {@code --scenarios} runs all five, prints a table and
 * exits; without it the application stays up and serves {@code GET /scenarios/{n}}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		if (Arrays.asList(args).contains("--" + ScenarioCommandLine.OPTION)) {
			// A one-shot run must not fail because something already listens on 8080.
			application.setDefaultProperties(Map.of("server.port", "0"));
		}
		application.run(args);
	}

}
