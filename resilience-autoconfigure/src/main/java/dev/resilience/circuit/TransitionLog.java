package dev.resilience.circuit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line of each transition: a WARN when the circuit opens (or reopens from half-open),
 * with the rates that opened it; INFO for every other move and for a reset of a closed circuit.
 */
final class TransitionLog {

	/** The breaker's own logger, where users already look for these lines. */
	private static final Logger logger = LoggerFactory.getLogger(CircuitBreaker.class);

	private TransitionLog() {
	}

	static void log(String policy, CircuitState from, BreakerState to) {
		boolean opens = (from != to.state()) && (to.state() == CircuitState.OPEN);
		if (opens ? !logger.isWarnEnabled() : !logger.isInfoEnabled()) {
			return;
		}
		String prefix = "Circuit of policy '" + policy + "' ";
		if (from == to.state()) {
			logger.info(prefix + "reset: closed with an empty window");
			return;
		}
		String line = prefix + "moved from " + from.tagValue() + " to " + to.state().tagValue();
		if (opens) {
			logger.warn(line + reason(to.totals()));
		}
		else {
			logger.info(line);
		}
	}

	private static String reason(WindowTotals totals) {
		if (totals.calls() <= 0) {
			return "";
		}
		return " (failure rate " + Thresholds.rate(totals.failures(), totals.calls()) + "%, slow-call rate "
				+ Thresholds.rate(totals.slowCalls(), totals.calls()) + "% of " + totals.calls() + " calls)";
	}

}
