/**
 * Micrometer meters of policies ({@code resilience.*}): registered once per policy when it is
 * created and held in fields, so that no call looks a meter up. Loaded only when Micrometer is
 * on the classpath and the application has a {@code MeterRegistry}.
 */
package dev.resilience.metrics;
