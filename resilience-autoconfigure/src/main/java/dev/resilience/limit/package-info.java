/**
 * Time limits and bulkheads: attempts run on the starter's threads and abandoned at their limit,
 * and a fair bound on the calls of a policy in flight.
 */
package dev.resilience.limit;
