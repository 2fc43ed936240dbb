package dev.resilience.cloud;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;

import dev.resilience.Resilience;

/**
 * Spring Cloud's {@link CircuitBreakerFactory} on the starter's policies. {@code create(id)}
 * and {@code create(id, group)} return a breaker that runs the supplier through a policy: the
 * one {@link #configure configured} for the id, else the one the
 * {@link #configureDefault default configuration} names, else the policy named {@code id} if
 * it is configured under {@code resilience.policies}, else the one named {@code group} if that
 * is configured, else {@code id} on the defaults. A {@code Customizer} of this factory can
 * point ids at policies:
 * <pre class="code">
 * &#64;Bean
 * Customizer&lt;ResilienceCircuitBreakerFactory&gt; quotesBreakers() {
 *     return (factory) -&gt; factory.configure((policy) -&gt; policy.name("quotes"), "QuoteClient#quote(String)");
 * }
 * </pre>
 * Breakers are cached by id and group (Spring Cloud OpenFeign asks for one on every call), at
 * most {@value #MAX_CACHED}.
 * Thread-safe.
 */
public class ResilienceCircuitBreakerFactory
		extends CircuitBreakerFactory<ResilienceCircuitBreakerFactory.PolicyChoice, ResilienceCircuitBreakerFactory.PolicyChoiceBuilder> {

	private final Resilience resilience;

	private final Predicate<String> configured;

	/** Past this many cached breakers, new ones are made per request (ids built from data). */
	static final int MAX_CACHED = 1000;

	private final Map<Key, PolicyCircuitBreaker> breakers = new ConcurrentHashMap<>();

	private volatile Function<String, PolicyChoice> defaultChoice = (id) -> PolicyChoice.BY_NAME;

	/**
	 * @param resilience runs the suppliers
	 * @param configured whether a policy name is configured under {@code resilience.policies}
	 */
	public ResilienceCircuitBreakerFactory(Resilience resilience, Predicate<String> configured) {
		this.resilience = Objects.requireNonNull(resilience, "resilience must not be null");
		this.configured = Objects.requireNonNull(configured, "configured must not be null");
	}

	@Override
	public CircuitBreaker create(String id) {
		return create(id, null);
	}

	@Override
	public CircuitBreaker create(String id, String groupName) {
		Key key = new Key(id, groupName);
		PolicyCircuitBreaker breaker = this.breakers.get(key);
		if (breaker != null) {
			return breaker;
		}
		if (this.breakers.size() >= MAX_CACHED) {
			return new PolicyCircuitBreaker(policyOf(id, groupName), this.resilience);
		}
		return this.breakers.computeIfAbsent(key, (k) -> new PolicyCircuitBreaker(policyOf(id, groupName),
				this.resilience));
	}

	/** The policy {@code create(id, group)} runs suppliers through. */
	public String policyOf(String id, String groupName) {
		Objects.requireNonNull(id, "id must not be null");
		PolicyChoice choice = getConfigurations().get(id);
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

	@Override
	public void configure(Consumer<PolicyChoiceBuilder> consumer, String... ids) {
		super.configure(consumer, ids);
		this.breakers.clear();
	}

	@Override
	public void configureDefault(Function<String, PolicyChoice> defaultConfiguration) {
		this.defaultChoice = Objects.requireNonNull(defaultConfiguration, "defaultConfiguration must not be null");
		this.breakers.clear();
	}

	@Override
	protected PolicyChoiceBuilder configBuilder(String id) {
		return new PolicyChoiceBuilder();
	}

	/**
	 * Which policy the breakers of an id use.
	 *
	 * @param name the policy's name; {@code null}: chosen by id and group as the factory says
	 */
	public record PolicyChoice(String name) {

		static final PolicyChoice BY_NAME = new PolicyChoice(null);

	}

	/** Builds a {@link PolicyChoice}. */
	public static final class PolicyChoiceBuilder implements ConfigBuilder<PolicyChoice> {

		private String name;

		/** Runs the id's suppliers through the policy of this name. */
		public PolicyChoiceBuilder name(String name) {
			this.name = name;
			return this;
		}

		@Override
		public PolicyChoice build() {
			return new PolicyChoice(this.name);
		}

	}

	private record Key(String id, String group) {
	}

}
