package dev.resilience.sample;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.client.RestClient;

import dev.resilience.sample.report.ScenarioReport;

/** Runs a scenario through the application's own endpoint, {@code GET /scenarios/{n}}. */
@Lazy
public class ScenarioClient {

	private final RestClient http;

	public ScenarioClient(@LocalServerPort int port) {
		this.http = RestClient.create("http://127.0.0.1:" + port);
	}

	public ScenarioReport run(int scenario) {
		return this.http.get().uri("/scenarios/{n}", scenario).retrieve().body(ScenarioReport.class);
	}

}
