package dev.resilience.actuate;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.resilience.circuit.CircuitState;
import dev.resilience.policy.InvalidSettingException;
import dev.resilience.policy.Policy;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.supervise.SupervisedConnection;
import dev.resilience.supervise.Supervisors;

/**
 * The {@code resilience} endpoint: every policy with its effective configuration, circuit and
 * call counts; moves a circuit by hand and changes retry settings at run time. Never creates a
 * policy: an unknown name is a 404. Bodies are plain maps, written by the application's JSON
 * mapper rather than the actuator's own, which would leave out the {@code null} values (such
 * as {@code "retry-at": null}) that keep the shape the same in every state. Read-only unless the
 * application opts in with {@code management.endpoint.resilience.access=unrestricted}: exposing
 * the endpoint must not let anyone who can reach it force a circuit open.
 */
@Endpoint(id = "resilience", defaultAccess = Access.READ_ONLY)
public class ResilienceEndpoint {

	/** The one retry key that names a bean: a web request must not make the application look one up. */
	private static final String POLICY_BEAN = "retry.backoff.policy-bean";

	private static final Set<CircuitState> MANUAL_STATES = EnumSet.of(CircuitState.CLOSED, CircuitState.FORCED_OPEN,
			CircuitState.DISABLED);

	private final PolicyRegistry registry;

	private final @Nullable Supervisors supervisors;

	public ResilienceEndpoint(PolicyRegistry registry) {
		this(registry, null);
	}

	/** @param supervisors the supervised connections to list, or {@code null} without supervision */
	public ResilienceEndpoint(PolicyRegistry registry, @Nullable Supervisors supervisors) {
		this.registry = registry;
		this.supervisors = supervisors;
	}

	/** Every configured or used policy, by name. */
	@ReadOperation
	public Map<String, Object> policies() {
		Map<String, Object> policies = new TreeMap<>();
		for (Policy policy : this.registry.all()) {
			policies.put(policy.name(), PolicyDescription.of(policy));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("policies", policies);
		Map<String, Object> supervised = new TreeMap<>();
		if (this.supervisors != null) {
			for (SupervisedConnection connection : this.supervisors.all()) {
				supervised.put(connection.name(), describe(connection));
			}
		}
		body.put("supervised", supervised);
		return body;
	}

	private static Map<String, Object> describe(SupervisedConnection connection) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("policy", connection.policy());
		description.put("state", connection.state().name().toLowerCase(Locale.ROOT));
		description.put("consecutive-failures", connection.consecutiveFailures());
		description.put("last-failure", connection.lastFailure());
		description.put("next-attempt-at",
				(connection.nextAttemptAt() != null) ? connection.nextAttemptAt().toString() : null);
		return description;
	}

	/** One policy, or a 404 naming the unknown policy. */
	@ReadOperation
	public WebEndpointResponse<Map<String, Object>> policy(@Selector String policy) {
		Policy found = this.registry.find(policy);
		return (found != null) ? new WebEndpointResponse<>(PolicyDescription.of(found)) : notFound(policy);
	}

	/**
	 * {@code /resilience/{policy}/events}: the policy's last events, oldest first; a 404 naming the
	 * policy when it is unknown, and a bare 404 for any other path below it.
	 */
	@ReadOperation
	public WebEndpointResponse<?> events(@Selector String policy, @Selector String view) {
		if (!"events".equals(view)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		Policy found = this.registry.find(policy);
		return (found != null) ? new WebEndpointResponse<>(found.events().list()) : notFound(policy);
	}

	/**
	 * Moves the circuit ({@code state}) or changes one retry setting ({@code key} relative to the
	 * policy, {@code value} as in {@code application.yml}); answers the policy as it is now, a
	 * 400 for an invalid request (nothing changed), a 404 for an unknown policy.
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> change(@Selector String policy, @Nullable String state,
			@Nullable String key, @Nullable String value) {
		Policy found = this.registry.find(policy);
		if (found == null) {
			return notFound(policy);
		}
		if (state != null && key == null && value == null) {
			return moveCircuit(found, state);
		}
		if (state == null && key != null) {
			return changeSetting(found, key, value);
		}
		return badRequest(Map.of("message",
				"Send either {\"state\": \"CLOSED\" | \"FORCED_OPEN\" | \"DISABLED\"}"
						+ " or {\"key\": \"retry.<setting>\", \"value\": \"<value>\"}"));
	}

	private WebEndpointResponse<Map<String, Object>> moveCircuit(Policy policy, String state) {
		CircuitState target = manualState(state);
		if (target == null) {
			return badRequest(Map.of("state", state, "message",
					"Unknown circuit state '" + state + "': use one of CLOSED, FORCED_OPEN, DISABLED"));
		}
		policy.circuitBreaker().transitionTo(target);
		return new WebEndpointResponse<>(PolicyDescription.of(policy));
	}

	private WebEndpointResponse<Map<String, Object>> changeSetting(Policy policy, String key, @Nullable String value) {
		if (value == null) {
			return badRequest(Map.of("key", fullKey(policy, key), "message", "A value is required"));
		}
		if (isPolicyBean(key)) {
			return badRequest(Map.of("key", fullKey(policy, key), "message", POLICY_BEAN
					+ " cannot change at run time: a web request must not make the application look up or create"
					+ " beans", "action", "Set " + fullKey(policy, POLICY_BEAN) + " in the configuration and restart."));
		}
		try {
			this.registry.change(policy, key, value);
		}
		catch (InvalidSettingException ex) {
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("key", ex.getKey());
			error.put("message", ex.getMessage());
			error.put("action", ex.getAction());
			return badRequest(error);
		}
		return new WebEndpointResponse<>(PolicyDescription.of(policy));
	}

	private static @Nullable CircuitState manualState(String state) {
		String normalized = state.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		for (CircuitState candidate : MANUAL_STATES) {
			if (candidate.name().equals(normalized)) {
				return candidate;
			}
		}
		return null;
	}

	/** Any relaxed spelling of {@code retry.backoff.policy-bean} ({@code policyBean}, {@code policy_bean}). */
	private static boolean isPolicyBean(String key) {
		String canonical = key.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
		return canonical.equals("retry.backoff.policybean");
	}

	private static WebEndpointResponse<Map<String, Object>> notFound(String policy) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("policy", policy);
		body.put("message", "No policy named '" + policy + "': it is neither configured nor used");
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private static String fullKey(Policy policy, String key) {
		return "resilience.policies." + policy.name() + "." + key;
	}

	private static WebEndpointResponse<Map<String, Object>> badRequest(Map<String, Object> body) {
		return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
	}

}
