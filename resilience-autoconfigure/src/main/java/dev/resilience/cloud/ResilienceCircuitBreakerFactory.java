package dev.resilience.cloud;

import java.util.Objects;
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
 *     return (factory) -&gt; factory.configure((policy) -&gt; policy.name("quotes"), "QuoteClientquoteString");
 * }
 * </pre>
 * Breakers are cached by id and group (Spring Cloud OpenFeign asks for one on every call), at
 * most {@value BreakerCache#MAX_CACHED}.
 * Thread-safe.
 */
public class ResilienceCircuitBreakerFactory
		extends CircuitBreakerFactory<ResilienceCircuitBreakerFactory.PolicyChoice, ResilienceCircuitBreakerFactory.PolicyChoiceBuilder> {

	private final Resilience resilience;

	private final PolicyChooser chooser;

	private final BreakerCache<PolicyCircuitBreaker> breakers;

	/**
	 * @param resilience runs the suppliers
	 * @param configured whether a policy name is configured under {@code resilience.policies}
	 */
	public ResilienceCircuitBreakerFactory(Resilience resilience, Predicate<String> configured) {
		this.resilience = Objects.requireNonNull(resilience, "resilience must not be null");
		this.chooser = new PolicyChooser(getConfigurations(), configured);
		this.breakers = new BreakerCache<>(
				(id, groupName) -> new PolicyCircuitBreaker(policyOf(id, groupName), this.resilience));
	}

	@Override
	public CircuitBreaker create(String id) {
		return create(id, null);
	}

	@Override
	public CircuitBreaker create(String id, String groupName) {
		return this.breakers.get(id, groupName);
	}

	/** The policy {@code create(id, group)} runs suppliers through. */
	public String policyOf(String id, String groupName) {
		return this.chooser.policyOf(id, groupName);
	}

	@Override
	public void configure(Consumer<PolicyChoiceBuilder> consumer, String... ids) {
		super.configure(consumer, ids);
		this.breakers.clear();
	}

	@Override
	public void configureDefault(Function<String, PolicyChoice> defaultConfiguration) {
		this.chooser.defaultChoice(defaultConfiguration);
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

}
