package dev.resilience.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

import dev.resilience.policy.InvalidSettingException;

/**
 * Every key under {@code resilience.}, read from the properties classes themselves (their
 * JavaBean properties, as Spring Boot binds them), so that a key added there is known here with
 * nothing else to change. A key the environment holds under {@code resilience.} that is not one
 * of them (a typo such as {@code retry.max-attemps}) fails startup, naming the full key and the
 * closest known one. Keys are compared as Spring Boot's relaxed binding does: {@code maxAttempts},
 * {@code max_attempts} and {@code RESILIENCE_..._MAXATTEMPTS} are {@code max-attempts}.
 */
final class KnownKeys {

	static final String PREFIX = "resilience";

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);

	/** Deeper than any settings class nests: guards against a self-referencing type. */
	private static final int MAX_DEPTH = 8;

	private final Node root;

	private final Class<?> policyType;

	private KnownKeys(Node root, Class<?> policyType) {
		this.root = root;
		this.policyType = policyType;
	}

	/**
	 * @param propertiesType the class bound to {@code resilience}
	 * @param policyType the class of one policy's keys: suggestions are relative to it
	 */
	static KnownKeys of(Class<?> propertiesType, Class<?> policyType) {
		return new KnownKeys(bean(propertiesType, 0), policyType);
	}

	/**
	 * Checks every {@code resilience.*} key of the environment.
	 * @throws InvalidSettingException for the first unknown key, naming the closest known one
	 */
	void check(Environment environment) {
		Map<String, Unknown> unknown = new TreeMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.filter(ROOT::isAncestorOf).stream().forEach((name) -> {
				if (unknownAt(name) >= 0) {
					unknown.putIfAbsent(name.toString(), new Unknown(name, source.getConfigurationProperty(name)));
				}
			});
		}
		if (unknown.isEmpty()) {
			return;
		}
		Unknown first = unknown.values().iterator().next();
		String suggestion = closest(first.name());
		Origin origin = (first.property() != null) ? first.property().getOrigin() : null;
		String rule = "is not a resilience setting" + ((origin != null) ? " (from " + origin + ")" : "")
				+ ((unknown.size() > 1) ? "; other unknown keys: " + String.join(", ", rest(unknown.keySet())) : "");
		String action = ((suggestion != null) ? "Did you mean `" + suggestion + "`? " : "")
				+ "Correct or remove the key; the README's configuration reference lists every key.";
		// As written (maxAttemps, an environment variable), where the source still knows it.
		String key = (origin instanceof PropertySourceOrigin written) ? written.getPropertyName()
				: first.name().toString();
		throw new InvalidSettingException(key,
				(first.property() != null) ? first.property().getValue() : null, rule, action);
	}

	/** Every known key below {@code resilience.defaults.}, e.g. {@code retry.max-attempts}. */
	List<String> policyKeys() {
		List<String> keys = new ArrayList<>();
		Node defaults = ((Bean) this.root).children.get("defaults");
		leaves(defaults, "", keys);
		return keys;
	}

	/** The index of the first element that no known key has, or -1 when the key is known. */
	private int unknownAt(ConfigurationPropertyName name) {
		Node node = this.root;
		for (int i = ROOT.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
			Node next = node.child(name.getElement(i, Form.UNIFORM), name.isNumericIndex(i));
			if (next == null) {
				return i;
			}
			node = next;
		}
		return -1;
	}

	/**
	 * The known key closest to an unknown one, relative to where they part (for
	 * {@code resilience.policies.payments.retry.max-attemps}: {@code retry.max-attempts}), or
	 * {@code null}.
	 */
	private String closest(ConfigurationPropertyName name) {
		int start = ROOT.getNumberOfElements();
		int at = unknownAt(name);
		Node node = this.root;
		Node base = this.root;
		int from = start;
		for (int i = start; i < at; i++) {
			node = node.child(name.getElement(i, Form.UNIFORM), name.isNumericIndex(i));
			if (node instanceof Bean bean && bean.type() == this.policyType) {
				base = node;
				from = i + 1;
			}
		}
		List<String> written = new ArrayList<>();
		for (int i = from; i < name.getNumberOfElements(); i++) {
			written.add(name.getElement(i, Form.DASHED));
		}
		List<String> candidates = new ArrayList<>();
		leaves(base, "", candidates, written, 0);
		String best = NearestKey.among(String.join(".", written), candidates);
		return (best != null && from == start) ? PREFIX + "." + best : best;
	}

	private static void leaves(Node node, String prefix, List<String> keys) {
		leaves(node, prefix, keys, List.of(), 0);
	}

	/** Known leaf keys below {@code node}; a map's key is taken from what was written, if anything. */
	private static void leaves(Node node, String prefix, List<String> keys, List<String> written, int depth) {
		if (node instanceof Bean bean) {
			bean.children.forEach((name, child) -> leaves(child, join(prefix, name), keys, written, depth + 1));
		}
		else if (node instanceof MapOf map) {
			String key = (depth < written.size()) ? written.get(depth) : "<name>";
			leaves(map.value, join(prefix, key), keys, written, depth + 1);
		}
		else {
			keys.add(prefix);
		}
	}

	private static String join(String prefix, String name) {
		return prefix.isEmpty() ? name : prefix + "." + name;
	}

	private static List<String> rest(Collection<String> keys) {
		return keys.stream().skip(1).limit(10).toList();
	}

	private static Node bean(Class<?> type, int depth) {
		Map<String, Node> children = new LinkedHashMap<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			Method getter = descriptor.getReadMethod();
			if (getter == null || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			ResolvableType propertyType = ResolvableType.forMethodReturnType(getter);
			Node child = node(propertyType, descriptor.getWriteMethod() != null, depth + 1);
			if (child != null) {
				children.put(DataObjectPropertyName.toDashedForm(descriptor.getName()), child);
			}
		}
		return new Bean(type, children);
	}

	/** The node of a property, or {@code null} when Spring Boot would not bind it. */
	private static Node node(ResolvableType type, boolean settable, int depth) {
		Class<?> resolved = type.resolve(Object.class);
		if (Map.class.isAssignableFrom(resolved)) {
			Class<?> value = type.asMap().getGeneric(1).resolve(Object.class);
			return (isScalar(value) || depth >= MAX_DEPTH) ? Leaf.ANY_BELOW : new MapOf(bean(value, depth));
		}
		if (Collection.class.isAssignableFrom(resolved) || resolved.isArray()) {
			return Leaf.INDEXED;
		}
		if (isScalar(resolved) || depth >= MAX_DEPTH) {
			return settable ? Leaf.PLAIN : null;
		}
		return bean(resolved, depth);
	}

	private static boolean isScalar(Class<?> type) {
		return type.isPrimitive() || type.isEnum() || type.getName().startsWith("java.")
				|| type.getName().startsWith("javax.") || type.getPackageName().startsWith("org.springframework.");
	}

	private record Unknown(ConfigurationPropertyName name, ConfigurationProperty property) {
	}

	/** One level of the key tree. */
	private sealed interface Node permits Bean, MapOf, Leaf {

		/** The node below for one element (uniform form), or {@code null} when nothing is known there. */
		Node child(String element, boolean numericIndex);

	}

	/** A settings class: its properties by dashed name. */
	private record Bean(Class<?> type, Map<String, Node> children) implements Node {

		@Override
		public Node child(String element, boolean numericIndex) {
			for (Map.Entry<String, Node> entry : this.children.entrySet()) {
				if (ConfigurationPropertyName.of(entry.getKey()).getElement(0, Form.UNIFORM).equals(element)) {
					return entry.getValue();
				}
			}
			return null;
		}

	}

	/** A map of beans: any element is a key (a policy's name), below it the bean's keys. */
	private record MapOf(Node value) implements Node {

		@Override
		public Node child(String element, boolean numericIndex) {
			return this.value;
		}

	}

	private enum Leaf implements Node {

		/** A single value: nothing below it. */
		PLAIN,

		/** A list: its elements written by index ({@code retry-on[0]}). */
		INDEXED,

		/** A map of values: any key below it. */
		ANY_BELOW;

		@Override
		public Node child(String element, boolean numericIndex) {
			return switch (this) {
				case PLAIN -> null;
				case INDEXED -> numericIndex ? PLAIN : null;
				case ANY_BELOW -> ANY_BELOW;
			};
		}

	}

}
