package dev.resilience.circuit;

/**
 * Calls, failures and slow calls counted together at one instant.
 *
 * @param calls recorded calls
 * @param failures those that failed
 * @param slowCalls those that were slow, failed or not
 */
record WindowTotals(long calls, long failures, long slowCalls) {

	static final WindowTotals EMPTY = new WindowTotals(0, 0, 0);

}
