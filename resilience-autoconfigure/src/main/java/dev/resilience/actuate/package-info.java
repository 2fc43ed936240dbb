/**
 * Actuator support: the {@code resilience} endpoint (policies, their circuits and run-time
 * changes) and the {@code resilience} health contributor. Loaded only when the actuator is on
 * the classpath.
 */
package dev.resilience.actuate;
