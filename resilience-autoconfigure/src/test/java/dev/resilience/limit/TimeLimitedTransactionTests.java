package dev.resilience.limit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.resilience.Resilient;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A time-limited attempt runs on another thread, so it cannot join the caller's transaction (H2):
 * its own {@code @Transactional} starts a fresh one, and the first such call inside a transaction
 * writes one WARN for the policy.
 */
@ExtendWith(OutputCaptureExtension.class)
class TimeLimitedTransactionTests {

	private static final String WARNING = "Policy 'orders' has a time limit, so its attempts run on the starter's threads";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(Application.class)
		.withPropertyValues("resilience.policies.orders.timeout.attempt=5s");

	@Test
	void anAttemptInsideTheCallersTransactionRunsInItsOwnAndOneWarnSaysSo(CapturedOutput output) {
		this.runner.run((context) -> {
			Orders orders = context.getBean(Orders.class);
			TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
			transaction.executeWithoutResult((status) -> {
				orders.place("a");
				orders.place("b");
				status.setRollbackOnly();
			});
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForList("select id from orders order by id", String.class))
				.as("the attempts committed their own transactions; the caller's rollback did not undo them")
				.containsExactly("a", "b");
			assertThat(orders.transactionActive()).containsExactly(true, true);
			assertThat(orders.threads()).allSatisfy((name) -> assertThat(name).startsWith("resilience-attempt-orders"));
			assertThat(context.getBean(AuditAspect.class).calls()).as("the aspect ran in each attempt").isEqualTo(2);
			assertThat(output.getOut().split(WARNING, -1)).hasSize(2);
		});
	}

	@Test
	void aTimeLimitedCallOutsideATransactionWritesNoWarning(CapturedOutput output) {
		this.runner.run((context) -> {
			context.getBean(Orders.class).place("c");
			assertThat(output.getOut()).doesNotContain(WARNING);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	@EnableAspectJAutoProxy(proxyTargetClass = true)
	static class Application {

		@Bean
		AuditAspect auditAspect() {
			return new AuditAspect();
		}

		@Bean
		DataSource dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.generateUniqueName(true)
				.addScript("classpath:dev/resilience/limit/orders.sql")
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
		Orders orders(JdbcTemplate jdbc) {
			return new Orders(jdbc);
		}

	}

	/** An aspect after ours in the chain: AspectJ advice needs the invocation exposed on its thread. */
	@Aspect
	static class AuditAspect {

		private final AtomicInteger calls = new AtomicInteger();

		@Around("execution(* dev.resilience.limit.TimeLimitedTransactionTests.Orders.place(..))")
		public Object audit(ProceedingJoinPoint joinPoint) throws Throwable {
			this.calls.incrementAndGet();
			return joinPoint.proceed();
		}

		int calls() {
			return this.calls.get();
		}

	}

	static class Orders {

		private final JdbcTemplate jdbc;

		private final List<Boolean> transactionActive = new CopyOnWriteArrayList<>();

		private final List<String> threads = new CopyOnWriteArrayList<>();

		Orders(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Resilient("orders")
		@Transactional
		public void place(String id) {
			this.transactionActive.add(TransactionSynchronizationManager.isActualTransactionActive());
			this.threads.add(Thread.currentThread().getName());
			this.jdbc.update("insert into orders (id, attempt) values (?, 1)", id);
		}

		List<Boolean> transactionActive() {
			return this.transactionActive;
		}

		List<String> threads() {
			return this.threads;
		}

	}

}
