package dev.resilience.cloud;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

import dev.resilience.cloud.ResilienceCircuitBreakerFactory.PolicyChoice;
import dev.resilience.cloud.ResilienceCircuitBreakerFactory.PolicyChoiceBuilder;
import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.PolicyRegistry;

/**
 * Spring Cloud's {@link ReactiveCircuitBreakerFactory} on the starter's policies: the reactive
 * twin of {@link ResilienceCircuitBreakerFactory}, choosing the policy of {@code create(id)} and
 * {@code create(id, group)} the same way. Its breakers run each subscription to a {@code Mono} or
 * {@code Flux} through the policy as a {@code @Resilient} method's publisher is run (§14). A
 * {@code Customizer} of this factory can point ids at policies:
 * <pre class="code">
 * &#64;Bean
 * Customizer&lt;ResilienceReactiveCircuitBreakerFactory&gt; quotesBreakers() {
 *     return (factory) -&gt; factory.configure((policy) -&gt; policy.name("quotes"), "quotes-stream");
 * }
 * </pre>
 * Breakers are cached by id and group, at most {@value BreakerCache#MAX_CACHED}. Loaded only when
 * Reactor and {@code spring-cloud-commons} are present. Thread-safe.
 */
public class ResilienceReactiveCircuitBreakerFactory
		extends ReactiveCircuitBreakerFactory<PolicyChoice, PolicyChoiceBuilder> {

	private final PolicyChooser chooser;

	private final BreakerCache<PolicyReactiveCircuitBreaker> breakers;

	/**
	 * @param registry the policies
	 * @param executor runs the publishers
	 * @param configured whether a policy name is configured under {@code resilience.policies}
	 */
	public ResilienceReactiveCircuitBreakerFactory(PolicyRegistry registry, AsyncPolicyExecutor executor,
			Predicate<String> configured) {
		Objects.requireNonNull(registry, "registry must not be null");
		Objects.requireNonNull(executor, "executor must not be null");
		this.chooser = new PolicyChooser(getConfigurations(), configured);
		this.breakers = new BreakerCache<>((id, groupName) -> new PolicyReactiveCircuitBreaker(
				policyOf(id, groupName), registry, executor));
	}

	@Override
	public ReactiveCircuitBreaker create(String id) {
		return create(id, null);
	}

	@Override
	public ReactiveCircuitBreaker create(String id, String groupName) {
		return this.breakers.get(id, groupName);
	}

	/** The policy {@code create(id, group)} runs publishers through. */
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

}
