package dev.resilience;

import java.util.concurrent.Callable;

import org.springframework.web.client.RestClient;

import dev.resilience.http.PolicyRestClients;
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
	 * @throws Exception the last failure itself, checked or not, with earlier ones suppressed
	 */
	@SuppressWarnings("unchecked")
	public <T> T call(String policy, Callable<T> work) throws Exception {
		try {
			return (T) this.executor.execute(this.registry.use(policy), work, CallableRunner.INSTANCE, true, null);
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
			this.executor.execute(this.registry.use(policy), work, RunnableRunner.INSTANCE, true, null);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Unexpected checked failure from policy '" + policy + "'", ex);
		}
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
	 * Supervises a long-lived connection under {@code policy} on its own thread, named
	 * {@code resilience-supervised-<name>}: after every end of {@code session}, a return or a
	 * throw alike, it waits the policy's backoff before connecting again; it stops in
	 * {@link Supervised.State#FAILED} on a permanent failure or after {@code retry.max-attempts}
	 * consecutive ends before {@code supervise.stable-after}, and with the application context.
	 * @param name unique among the application's supervised connections
	 * @throws IllegalArgumentException when a connection of that name is still running
	 */
	public Supervised supervise(String name, String policy, Session session) {
		if (this.supervisors == null) {
			throw new IllegalStateException("Supervised connections are not available: "
					+ "ResilienceSupervisionAutoConfiguration is not active");
		}
		return this.supervisors.supervise(name, this.registry.use(policy), session);
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
