package dev.resilience.sample.embedding;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import dev.resilience.sample.RecordingSleeper;
import dev.resilience.sample.SampleAppTest;
import dev.resilience.sample.ScenarioClient;
import dev.resilience.sample.downstream.DownstreamServers;
import dev.resilience.sample.downstream.MisbehavingServer;
import dev.resilience.sample.report.CaseReport;
import dev.resilience.sample.report.ScenarioReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incident 3 against the embedding server (fast profile: read timeout 1s, 3 attempts, 20ms ×2;
 * the backup's circuit opens after 4 failed attempts; the bare client's attempts are cut at 300ms
 * and its bulkhead has 2 places).
 */
@SampleAppTest
class EmbeddingScenarioTests {

	@Autowired
	private ScenarioClient scenarios;

	@Autowired
	@Qualifier("embeddingServer")
	private MisbehavingServer server;

	@Autowired
	private RecordingSleeper sleeper;

	@BeforeEach
	void forgetEarlierWaits() {
		this.sleeper.clear();
	}

	@Test
	void hangsEndAtTheReadTimeoutQuotaWaitsAuthFailsAtOnceBreakerStopsHammeringAndPostIsNotResent() {
		ScenarioReport report = this.scenarios.run(3);

		CaseReport hang = report.cases().get(0);
		assertThat(hang.attempts()).isEqualTo(3);
		assertThat(hang.outcome()).isEqualTo("failed: ResourceAccessException");
		assertThat(hang.prevented()).as("each attempt ended at the read timeout").isTrue();
		assertThat(hang.breakerState()).isEqualTo("closed");

		CaseReport quota = report.cases().get(1);
		assertThat(quota.outcome()).isEqualTo("recovered");
		assertThat(quota.attempts()).isEqualTo(2);
		assertThat(this.sleeper.callerWaits()).contains(1000L);
		assertThat(quota.waitsMs().get(0)).isGreaterThanOrEqualTo(1000L);

		CaseReport unauthorized = report.cases().get(2);
		assertThat(unauthorized.outcome()).isEqualTo("failed: Unauthorized");
		assertThat(unauthorized.attempts()).isEqualTo(1);

		CaseReport dead = report.cases().get(3);
		assertThat(dead.attempts()).isEqualTo(4);
		assertThat(dead.outcome()).isEqualTo("2 failed, 8 rejected");
		assertThat(dead.breakerState()).isEqualTo("open");
		assertThat(this.server.hits(DownstreamServers.DEAD_EMBEDDING)).hasSize(4);

		CaseReport post = report.cases().get(4);
		assertThat(post.attempts()).isEqualTo(1);
		assertThat(post.outcome()).isEqualTo("failed: ResourceAccessException");
		assertThat(this.server.hits(DownstreamServers.HANGING_EMBEDDING)).singleElement()
			.satisfies((hit) -> assertThat(hit.method()).isEqualTo("POST"));

		CaseReport bare = report.cases().get(5);
		assertThat(bare.outcome()).isEqualTo("2 timed out, 1 rejected");
		assertThat(bare.attempts()).as("the rejected call never reached the server").isEqualTo(2);
		assertThat(bare.starterDid()).contains("timeout.attempt (300ms").contains("holding the bulkhead's 2 places")
			.contains("the places came back (0 held)");
		assertThat(bare.prevented()).as("callers released at the limit, third call rejected, places back").isTrue();
		assertThat(this.server.hits(DownstreamServers.GATED_EMBEDDING)).hasSize(2)
			.allSatisfy((hit) -> assertThat(hit.method()).isEqualTo("POST"));

		CaseReport reactiveHang = report.cases().get(6);
		assertThat(reactiveHang.attempts()).as("each retry sent the request again").isEqualTo(3);
		assertThat(reactiveHang.outcome()).isEqualTo("failed: WebClientRequestException");
		assertThat(reactiveHang.prevented()).as("each reactive attempt ended at the read timeout").isTrue();

		CaseReport reactiveQuota = report.cases().get(7);
		assertThat(reactiveQuota.outcome()).isEqualTo("recovered");
		assertThat(reactiveQuota.attempts()).isEqualTo(2);
		assertThat(reactiveQuota.waitsMs().get(0)).isGreaterThanOrEqualTo(1000L);
		// The test's Sleeper saw the reactive wait too, on a thread of the starter's.
		assertThat(this.sleeper.waitsOf("resilience-async")).contains(1000L);

		assertThat(report.verdict()).isEqualTo(ScenarioReport.PREVENTED);
	}

}
