package dev.resilience.aop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.framework.Advised;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.resilience.Resilient;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every attempt, the first and each retry, runs everything after {@code @Resilient} in the
 * proxy's chain: a real transaction on H2, caching and a user's aspect.
 */
@ExtendWith(OutputCaptureExtension.class)
class EveryAttemptIsAFullInvocationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(Application.class)
		.withPropertyValues("resilience.defaults.retry.max-attempts=3", "resilience.defaults.retry.backoff.jitter=0");

	@Test
	void everyAttemptHasItsOwnTransactionAndOnlyTheSuccessfulAttemptsRowRemains() {
		this.runner.run((context) -> {
			Orders orders = context.getBean(Orders.class);
			orders.failNext(2);
			orders.place("order-1");
			assertThat(orders.transactionActive()).containsExactly(true, true, true);
			assertThat(context.getBean(JdbcTemplate.class)
				.queryForList("select attempt from orders where id = 'order-1'", Integer.class)).containsExactly(3);
		});
	}

	@Test
	void aUserAspectOrderedAfterOursRunsOnEveryAttempt() {
		this.runner.run((context) -> {
			Orders orders = context.getBean(Orders.class);
			orders.failNext(2);
			orders.place("order-2");
			assertThat(context.getBean(AuditAspect.class).calls()).isEqualTo(3);
		});
	}

	@Test
	void cachingRunsOnEveryAttemptSoTheRecoveredResultIsCached() {
		this.runner.run((context) -> {
			Prices prices = context.getBean(Prices.class);
			prices.failNext(2);
			assertThat(prices.price("sku-1")).isEqualTo("price of sku-1 #3");
			assertThat(prices.price("sku-1")).isEqualTo("price of sku-1 #3");
			assertThat(prices.calls()).isEqualTo(3);
			assertThat(context.getBean(CacheManager.class).getCache("prices").get("sku-1", String.class))
				.isEqualTo("price of sku-1 #3");
		});
	}

	@Test
	void retryingInsideTheCallersTransactionWarnsOncePerPolicyNamingTheFix(CapturedOutput output) {
		this.runner.run((context) -> {
			Checkout checkout = context.getBean(Checkout.class);
			Orders orders = context.getBean(Orders.class);
			// The retry recovers, but the first failure already marked the caller's transaction.
			orders.failNext(1);
			assertThatExceptionOfType(UnexpectedRollbackException.class)
				.isThrownBy(() -> checkout.placeInsideATransaction(orders, "order-3"));
			orders.failNext(1);
			assertThatExceptionOfType(UnexpectedRollbackException.class)
				.isThrownBy(() -> checkout.placeInsideATransaction(orders, "order-4"));
		});
		assertThat(output.toString().split("inside the caller's transaction", -1)).hasSize(2);
		assertThat(output).contains("Policy 'orders'").contains("Make the retried method the transaction boundary");
	}

	@Test
	void retryingOutsideAnyTransactionDoesNotWarn(CapturedOutput output) {
		this.runner.run((context) -> {
			Orders orders = context.getBean(Orders.class);
			orders.failNext(1);
			orders.place("order-5");
		});
		assertThat(output).doesNotContain("inside the caller's transaction");
	}

	@Test
	void ourAdvisorIsOutsideTheTransactionAndTheCache() {
		this.runner.run((context) -> {
			Orders orders = context.getBean(Orders.class);
			Advised advised = (Advised) orders;
			assertThat(advised.getAdvisors()[0].getAdvice()).isInstanceOf(ResilientInterceptor.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	@EnableCaching
	@EnableAspectJAutoProxy(proxyTargetClass = true)
	static class Application {

		@Bean
		DataSource dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.generateUniqueName(true)
				.addScript("classpath:dev/resilience/aop/orders.sql")
				.build();
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		CacheManager cacheManager() {
			return new ConcurrentMapCacheManager("prices");
		}

		@Bean
		RecordingSleeper sleeper() {
			return new RecordingSleeper();
		}

		@Bean
		AuditAspect auditAspect() {
			return new AuditAspect();
		}

		@Bean
		Orders orders(JdbcTemplate jdbc) {
			return new Orders(jdbc);
		}

		@Bean
		Prices prices() {
			return new Prices();
		}

		@Bean
		Checkout checkout() {
			return new Checkout();
		}

	}

	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@interface Audited {

	}

	@Aspect
	static class AuditAspect {

		private final AtomicInteger calls = new AtomicInteger();

		@Around("@annotation(dev.resilience.aop.EveryAttemptIsAFullInvocationTests.Audited)")
		public Object audit(ProceedingJoinPoint joinPoint) throws Throwable {
			this.calls.incrementAndGet();
			return joinPoint.proceed();
		}

		int calls() {
			return this.calls.get();
		}

	}

	/** Inserts a row in each attempt, then fails while failures are left. */
	static class Orders {

		private final JdbcTemplate jdbc;

		private final AtomicInteger attempts = new AtomicInteger();

		private final AtomicInteger failuresLeft = new AtomicInteger();

		private final List<Boolean> transactionActive = new CopyOnWriteArrayList<>();

		Orders(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Resilient("orders")
		@Transactional
		@Audited
		public void place(String id) {
			this.transactionActive.add(TransactionSynchronizationManager.isActualTransactionActive());
			this.jdbc.update("insert into orders (id, attempt) values (?, ?)", id, this.attempts.incrementAndGet());
			if (this.failuresLeft.getAndDecrement() > 0) {
				throw new IllegalStateException("failed after the insert");
			}
		}

		public void failNext(int times) {
			this.failuresLeft.set(times);
		}

		public List<Boolean> transactionActive() {
			return this.transactionActive;
		}

	}

	/** A transactional caller around the resilient method: retries there cannot help. */
	static class Checkout {

		@Transactional
		public void placeInsideATransaction(Orders orders, String id) {
			orders.place(id);
		}

	}

	static class Prices {

		private final AtomicInteger calls = new AtomicInteger();

		private final AtomicInteger failuresLeft = new AtomicInteger();

		@Resilient("prices")
		@Cacheable("prices")
		public String price(String sku) {
			int call = this.calls.incrementAndGet();
			if (this.failuresLeft.getAndDecrement() > 0) {
				throw new IllegalStateException("price service down");
			}
			return "price of " + sku + " #" + call;
		}

		public void failNext(int times) {
			this.failuresLeft.set(times);
		}

		public int calls() {
			return this.calls.get();
		}

	}

}
