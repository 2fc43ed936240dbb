package dev.resilience;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.springframework.web.client.RestClient;

import dev.resilience.http.PolicyRestClients;
import dev.resilience.http.PolicyWebClients;
import dev.resilience.policy.AsyncAttemptRunner;
import dev.resilience.policy.AsyncPolicyExecutor;
import dev.resilience.policy.AttemptRunner;
import dev.resilience.policy.PolicyExecutor;
import dev.resilience.policy.PolicyRegistry;
import dev.resilience.supervise.Supervisors;

/**
 * Programmatic use of policies, with the same semantics and meters as {@link Resilient}. A bean
 * of the starter; thread-safe.
 */
public class Resilience {

	private final PolicyRegistry registry;

	private final PolicyExecutor executor;

	private final Supervisors supervisors;

	private PolicyRestClients restClients;

	private AsyncPolicyExecutor asyncExecutor;

	private Supplier<PolicyWebClients> webClients = () -> null;

	public Resilience(PolicyRegistry registry, PolicyExecutor executor) {
		this(registry, executor, null);
	}

	/**
	 * @param supervisors runs supervised connections; {@code null} when they are not available
	 */
	public Resilience(PolicyRegistry registry, PolicyExecutor executor, Supervisors supervisors) {
		this.registry = registry;
		this.executor = executor;
		this.supervisors = supervisors;
	}

	/**
	 * Calls {@code work} under {@code policy} (settings from {@code resilience.policies.<policy>},
	 * else the defaults).
	 * @return the work's result
	 * @throws IllegalStateException without running the work, for a name neither configured nor
	 * used before once {@code resilience.max-unconfigured-policies} such names exist
	 * @throws Exception the last failure itself, checked or not, with earlier ones suppressed
	 */
	@SuppressWarnings("unchecked")
	public <T> T call(String policy, Callable<T> work) throws Exception {
		try {
			return (T) this.executor.execute(this.registry.useAtRunTime(policy), work, CallableRunner.INSTANCE, true,
					null);
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Unexpected throwable from policy '" + policy + "'", ex);
		}
	}

	/**
	 * Runs {@code work} under {@code policy}.
	 * @throws RuntimeException the last failure itself, with earlier ones suppressed
	 */
	public void run(String policy, Runnable work) {
		try {
			this.executor.execute(this.registry.useAtRunTime(policy), work, RunnableRunner.INSTANCE, true, null);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Unexpected checked failure from policy '" + policy + "'", ex);
		}
	}

	/**
	 * Calls asynchronous {@code work} under {@code policy}: the whole policy applied to the
	 * outcome of the stage it returns. Every attempt calls {@code work} again (a throw from it is a
	 * failed attempt too); waits are scheduled, never blocking a thread; cancelling the returned
	 * future cancels the running attempt's future or drops the pending wait, and ends the call.
	 * @return the future of the call's outcome: the last failure itself (earlier ones suppressed)
	 * when it finally fails
	 */
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> callAsync(String policy, Supplier<? extends CompletionStage<T>> work) {
		if (this.asyncExecutor == null) {
			throw new IllegalStateException("Asynchronous calls are not available: no AsyncPolicyExecutor was set");
		}
		CompletionStage<?> outcome = this.asyncExecutor.execute(this.registry.useAtRunTime(policy), work,
				SupplierRunner.INSTANCE, true, null);
		return (CompletableFuture<T>) outcome.toCompletableFuture();
	}

	/** Called once by the auto-configuration. */
	public void setAsyncExecutor(AsyncPolicyExecutor asyncExecutor) {
		this.asyncExecutor = asyncExecutor;
	}

	/**
	 * A {@code RestClient.Builder} from Spring Boot's (so the application's customizers and message
	 * converters apply) whose requests carry the policy's {@code http.connect-timeout} and
	 * {@code http.read-timeout} and go through the policy one by one: GET, HEAD, OPTIONS, PUT,
	 * DELETE and TRACE are retried on any transient failure; POST and PATCH only on failures
	 * before the request was sent, unless it carries an {@code Idempotency-Key} header. An error
	 * status (4xx, 5xx) becomes Spring's {@code HttpStatusCodeException} inside the policy; a call
	 * that finally fails with one throws it to the caller; an I/O failure reaches the caller as
	 * {@code RestClient}'s {@code ResourceAccessException}. The response body is read in full
	 * inside each attempt (a body cut short, garbled or stalled past the read timeout is a failed
	 * attempt, retried where allowed), so these clients are not for streaming large downloads.
	 * @throws IllegalStateException if {@code spring-boot-starter-restclient} is missing
	 */
	public RestClient.Builder restClient(String policy) {
		if (this.restClients == null) {
			throw PolicyRestClients.missingBuilder(policy);
		}
		return this.restClients.builder(policy);
	}

	/** Called once by the auto-configuration when Spring Boot's HTTP client support is present. */
	public void setRestClients(PolicyRestClients restClients) {
		this.restClients = restClients;
	}

	/**
	 * A {@code WebClient.Builder} from Spring Boot's (so the application's customizers and codecs
	 * apply) with the policy's {@code http.connect-timeout} and {@code http.read-timeout} set on a
	 * connector from Boot's connector builder (Reactor Netty, the JDK client, Jetty or Apache,
	 * whichever the application has), whose requests go through the policy one subscription at a
	 * time (§14), with the same HTTP method rules as {@link #restClient(String)}.
	 * <p>
	 * Declared with a type variable so that this class loads in applications without Spring
	 * WebFlux: assign it, {@code WebClient.Builder builder = resilience.webClient("quotes");}, or
	 * use {@code PolicyWebClients#builder}.
	 * @param <B> {@code WebClient.Builder}
	 * @throws IllegalStateException if Spring WebFlux or Boot's WebClient support is missing
	 */
	@SuppressWarnings("unchecked")
	public <B> B webClient(String policy) {
		PolicyWebClients webClients = this.webClients.get();
		if (webClients == null) {
			throw new IllegalStateException("Resilience.webClient(\"" + policy
					+ "\") needs Spring WebFlux and Spring Boot's WebClient support: add the dependency "
					+ "org.springframework.boot:spring-boot-starter-webclient (or spring-boot-starter-webflux)");
		}
		return (B) webClients.builder(policy);
	}

	/**
	 * Called once by the auto-configuration: where {@link #webClient(String)} finds its builders
	 * (nothing when Spring WebFlux is absent), looked up on first use.
	 */
	public void setWebClients(Supplier<PolicyWebClients> webClients) {
		this.webClients = webClients;
	}

	/**
	 * Supervises a long-lived connection under {@code policy} on its own thread, named
	 * {@code resilience-supervised-<name>}: after every end of {@code session}, a return or a
	 * throw alike, it waits the policy's backoff before connecting again; it stops in
	 * {@link Supervised.State#FAILED} on a permanent failure or after {@code retry.max-attempts}
	 * consecutive ends before {@code supervise.stable-after}, and with the application context.
	 * @param name unique among the application's supervised connections
	 * @throws IllegalStateException when a connection of that name is still running
	 */
	public Supervised supervise(String name, String policy, Session session) {
		if (this.supervisors == null) {
			throw new IllegalStateException("Supervised connections are not available: "
					+ "ResilienceSupervisionAutoConfiguration is not active");
		}
		return this.supervisors.supervise(name, this.registry.useAtRunTime(policy), session);
	}

	private enum SupplierRunner implements AsyncAttemptRunner<Supplier<?>> {

		INSTANCE;

		@Override
		public Object attempt(Supplier<?> work) {
			return work.get();
		}

	}

	private enum CallableRunner implements AttemptRunner<Callable<?>> {

		INSTANCE;

		@Override
		public Object first(Callable<?> work) throws Exception {
			return work.call();
		}

	}

	private enum RunnableRunner implements AttemptRunner<Runnable> {

		INSTANCE;

		@Override
		public Object first(Runnable work) {
			work.run();
			return null;
		}

	}

}
