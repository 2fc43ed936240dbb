package dev.resilience.sample.report;

import java.util.List;

/**
 * What happened in one case of a scenario, as seen from the outside (the downstream server, the
 * caller, the meters).
 *
 * @param name short name of the case
 * @param outcome how the call or connection ended ({@code recovered}, {@code aborted}, {@code failed}…)
 * @param attempts how many attempts reached (or tried to reach) the other side
 * @param waitsMs the pauses between attempts in milliseconds, measured
 * @param breakerState the policy's circuit state afterwards
 * @param starterDid what the starter did, in one sentence
 * @param prevented whether the incident was prevented (the checks of the case held)
 */
public record CaseReport(String name, String outcome, int attempts, List<Long> waitsMs, String breakerState,
		String starterDid, boolean prevented) {

	public CaseReport {
		waitsMs = List.copyOf(waitsMs);
	}

}
