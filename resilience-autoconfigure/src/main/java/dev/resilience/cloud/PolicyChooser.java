package dev.resilience.cloud;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.resilience.cloud.ResilienceCircuitBreakerFactory.PolicyChoice;

/**
 * Which policy the breakers of {@code create(id, group)} run through (§16), for both factories:
 * the choice configured for the id, else the one the default configuration names, else the
 * policy named {@code id} if it is configured, else the one named {@code group} if that is
 * configured, else {@code id} on the defaults. Thread-safe.
 */
final class PolicyChooser {

	private final Map<String, PolicyChoice> configurations;

	private final Predicate<String> configured;

	private volatile Function<String, PolicyChoice> defaultChoice = (id) -> PolicyChoice.BY_NAME;

	/**
	 * @param configurations the factory's choices by id ({@code configure(consumer, ids)})
	 * @param configured whether a policy name is configured under {@code resilience.policies}
	 */
	PolicyChooser(Map<String, PolicyChoice> configurations, Predicate<String> configured) {
		this.configurations = configurations;
		this.configured = Objects.requireNonNull(configured, "configured must not be null");
	}

	String policyOf(String id, String groupName) {
		Objects.requireNonNull(id, "id must not be null");
		PolicyChoice choice = this.configurations.get(id);
		if (choice == null) {
			choice = this.defaultChoice.apply(id);
		}
		if (choice != null && choice.name() != null) {
			return choice.name();
		}
		if (this.configured.test(id)) {
			return id;
		}
		if (groupName != null && this.configured.test(groupName)) {
			return groupName;
		}
		return id;
	}

	void defaultChoice(Function<String, PolicyChoice> defaultChoice) {
		this.defaultChoice = Objects.requireNonNull(defaultChoice, "defaultConfiguration must not be null");
	}

}
