package dev.resilience.sample.flags;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.resilience.sample.RecordingSleeper;
import dev.resilience.sample.SampleAppTest;
import dev.resilience.sample.ScenarioClient;
import dev.resilience.sample.downstream.FlagServer;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.ScenarioReport;

import static org.assertj.core.api.Assertions.assertThat;

/** Incident 1: a WebSocket client with a wrong API key, against a server that answers 401. */
@SampleAppTest
@ExtendWith(OutputCaptureExtension.class)
class WrongApiKeyScenarioTests {

	@Autowired
	private ScenarioClient scenarios;

	@Autowired
	private FlagServer server;

	@Autowired
	private RecordingSleeper sleeper;

	@BeforeEach
	void forgetEarlierWaits() {
		this.sleeper.clear();
	}

	@Test
	void rejectedKeyEndsTheConnectionAfterOneHandshakeWithOneWarning(CapturedOutput output) {
		ScenarioReport report = this.scenarios.run(1);

		CaseReport rejected = report.cases().get(0);
		assertThat(rejected.outcome()).isEqualTo("failed");
		assertThat(rejected.attempts()).isEqualTo(1);
		assertThat(this.server.handshakes()).isEqualTo(1);
		assertThat(this.sleeper.waitsOf("resilience-supervised-flags-stream")).isEmpty();
		assertThat(report.verdict()).isEqualTo(ScenarioReport.PREVENTED);
		assertThat(output.getOut().lines()
			.filter((line) -> line.contains(" WARN ") && line.contains("'flags-stream'"))
			.toList()).singleElement()
			.asString()
			.contains("credentials were rejected")
			.contains("401")
			.contains("will not reconnect");
	}

}
