package dev.resilience.autoconfigure;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Every documented key has IDE metadata: a description, and its contract default. */
class ConfigurationMetadataTests {

	private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("enabled", "true"),
			Map.entry("retry.max-attempts", "3"), Map.entry("retry.backoff.initial-interval", "100ms"),
			Map.entry("retry.backoff.multiplier", "2"), Map.entry("retry.backoff.max-interval", "10s"),
			Map.entry("retry.backoff.jitter", "0.5"), Map.entry("retry.backoff.immediate-first-retry", "false"),
			Map.entry("retry.max-retry-after", "30s"), Map.entry("circuit-breaker.enabled", "true"),
			Map.entry("circuit-breaker.sliding-window-type", "count-based"),
			Map.entry("circuit-breaker.sliding-window-size", "100"),
			Map.entry("circuit-breaker.minimum-number-of-calls", "20"),
			Map.entry("circuit-breaker.failure-rate-threshold", "50"),
			Map.entry("circuit-breaker.slow-call-rate-threshold", "100"),
			Map.entry("circuit-breaker.wait-duration-in-open-state", "30s"),
			Map.entry("circuit-breaker.permitted-calls-in-half-open-state", "5"),
			Map.entry("circuit-breaker.forced-state", "none"),
			Map.entry("http.connect-timeout", "2s"), Map.entry("http.read-timeout", "10s"),
			Map.entry("supervise.stable-after", "30s"), Map.entry("bulkhead.max-wait", "0ms"),
			Map.entry("retry.budget.enabled", "true"), Map.entry("retry.budget.ratio", "0.2"),
			Map.entry("retry.budget.min-retries-per-second", "10"), Map.entry("retry.budget.window", "10s"),
			Map.entry("retry.retry-after-scope", "policy"));

	private static final List<String> WITHOUT_DEFAULT = List.of("retry.backoff.policy-bean", "retry.max-elapsed-time",
			"circuit-breaker.slow-call-duration-threshold", "classifier.retry-on", "classifier.abort-on",
			"classifier.ignore", "timeout.attempt", "timeout.total", "bulkhead.max-concurrent-calls");

	@Test
	void everyPolicyKeyHasADescriptionAndItsDefault() throws Exception {
		Map<String, JsonNode> properties = properties();
		DEFAULTS.forEach((key, expected) -> {
			JsonNode property = properties.get("resilience.defaults." + key);
			assertThat(property).as(key).isNotNull();
			assertThat(property.path("description").asString()).as(key).isNotBlank();
			assertThat(property.path("defaultValue").asString()).as(key).isEqualTo(expected);
		});
		for (String key : WITHOUT_DEFAULT) {
			assertThat(properties.get("resilience.defaults." + key)).as(key).isNotNull();
			assertThat(properties.get("resilience.defaults." + key).path("description").asString()).isNotBlank();
		}
	}

	@Test
	void globalKeysAndThePolicyMapAreDescribed() throws Exception {
		Map<String, JsonNode> properties = properties();
		assertThat(properties.get("resilience.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("resilience.logging.repeat-interval").path("defaultValue").asString())
			.isEqualTo("30s");
		assertThat(properties.get("resilience.policies").path("description").asString()).isNotBlank();
	}

	@Test
	void theMaxUnconfiguredPoliciesLimitIsDescribed() throws Exception {
		JsonNode property = properties().get("resilience.max-unconfigured-policies");
		assertThat(property.path("defaultValue").asInt()).isEqualTo(1000);
		assertThat(property.path("description").asString()).isNotBlank();
	}

	/** The keys startup accepts are the keys IDEs complete: both come from the properties classes. */
	@Test
	void everyKeyStartupAcceptsUnderAPolicyIsInTheMetadata() throws Exception {
		Map<String, JsonNode> properties = properties();
		List<String> known = KnownKeys.of(ResilienceProperties.class, PolicyProperties.class).policyKeys();
		assertThat(known).contains("retry.max-attempts", "circuit-breaker.failure-rate-threshold",
				"classifier.retry-on", "supervise.stable-after");
		for (String key : known) {
			assertThat(properties).as(key).containsKey("resilience.defaults." + key);
		}
		assertThat(properties.keySet().stream().filter((name) -> name.startsWith("resilience.defaults.")))
			.hasSameSizeAs(known);
		assertThat(properties.get("resilience.policies").path("type").asString())
			.isEqualTo("java.util.Map<java.lang.String," + PolicyProperties.class.getName() + ">");
	}

	/**
	 * The metadata cannot name keys inside a map's entries (it has no wildcard names), so IDEs
	 * complete {@code resilience.policies.<name>.} from the value type it names for the map, by
	 * walking that type's public getters as Spring Tools (VS Code, Eclipse) and IntelliJ IDEA do.
	 * That walk finds exactly the keys startup accepts under a policy, each the same property (class
	 * and field, hence javadoc) as {@code resilience.defaults.<key>}, whose description and default
	 * the metadata carries.
	 */
	@Test
	void idesCompleteUnderAPolicyExactlyTheKeysStartupAcceptsAsTheDefaultsDescribeThem() throws Exception {
		Map<String, JsonNode> properties = properties();
		String mapType = properties.get("resilience.policies").path("type").asString();
		Map<String, Class<?>> completed = new TreeMap<>();
		completions(mapValueType(mapType), "", completed, 0);
		List<String> known = KnownKeys.of(ResilienceProperties.class, PolicyProperties.class).policyKeys();
		assertThat(completed.keySet()).containsExactlyInAnyOrderElementsOf(known);
		completed.forEach((key, declaringType) -> {
			JsonNode defaults = properties.get("resilience.defaults." + key);
			assertThat(defaults).as(key).isNotNull();
			assertThat(defaults.path("sourceType").asString()).as(key).isEqualTo(declaringType.getName());
			assertThat(defaults.path("description").asString()).as(key).isNotBlank();
		});
	}

	private static Class<?> mapValueType(String mapType) throws ClassNotFoundException {
		assertThat(mapType).startsWith("java.util.Map<java.lang.String,").endsWith(">");
		String value = mapType.substring("java.util.Map<java.lang.String,".length(), mapType.length() - 1);
		return ClassUtils.forName(value, ConfigurationMetadataTests.class.getClassLoader());
	}

	/** The keys an IDE offers below a bean type: its public getters, values as keys, beans walked. */
	private static void completions(Class<?> type, String prefix, Map<String, Class<?>> keys, int depth) {
		assertThat(depth).as("nesting below " + type).isLessThan(8);
		for (Method getter : type.getMethods()) {
			String name = getter.getName();
			int start = name.startsWith("get") ? 3 : name.startsWith("is") ? 2 : 0;
			if (start == 0 || name.length() == start || getter.getParameterCount() > 0
					|| Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			String key = prefix + DataObjectPropertyName.toDashedForm(StringUtils.uncapitalize(name.substring(start)));
			Class<?> value = getter.getReturnType();
			if (value.isPrimitive() || value.isEnum() || value.getName().startsWith("java.")) {
				keys.put(key, getter.getDeclaringClass());
			}
			else {
				completions(value, key + ".", keys, depth + 1);
			}
		}
	}

	private static Map<String, JsonNode> properties() throws Exception {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			JsonNode root = new ObjectMapper().readTree(in);
			Map<String, JsonNode> byName = new HashMap<>();
			for (JsonNode property : root.path("properties")) {
				byName.put(property.path("name").asString(), property);
			}
			return byName;
		}
	}

}
