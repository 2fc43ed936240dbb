package dev.resilience.aop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.resilience.Resilient;
import dev.resilience.autoconfigure.RecordingSleeper;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether an interceptor is the last of its chain decides whether attempts may run on the proxy's
 * own invocation (nothing after it to skip) or need a clone each.
 */
class LastInChainTests {

	@Test
	void anInterceptorAloneIsLast() {
		Probe probe = new Probe();
		greeter(false, probe).greet("a");
		greeter(true, probe).greet("b");
		assertThat(probe.answers).containsExactly(true, true);
	}

	@Test
	void anInterceptorWithAnotherAfterItIsNotLast() {
		Probe probe = new Probe();
		greeter(false, probe, MethodInvocation::proceed).greet("a");
		greeter(true, probe, MethodInvocation::proceed).greet("b");
		assertThat(probe.answers).containsExactly(false, false);
	}

	@Test
	void theInnermostInterceptorIsLast() {
		Probe probe = new Probe();
		greeter(true, MethodInvocation::proceed, probe).greet("a");
		assertThat(probe.answers).containsExactly(true);
	}

	@Test
	void anInvocationThatIsNotSpringsIsNeverLast() {
		MethodInvocation foreign = (MethodInvocation) java.lang.reflect.Proxy.newProxyInstance(
				getClass().getClassLoader(), new Class<?>[] { MethodInvocation.class }, (proxy, method, args) -> null);
		assertThat(LastInChain.isLast(foreign)).isFalse();
	}

	@Test
	void aResilientMethodAloneOnItsBeanRunsEveryAttemptWholeWithItsArguments() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
			.withUserConfiguration(Application.class)
			.withPropertyValues("resilience.defaults.retry.max-attempts=3")
			.run((context) -> {
				FlakyGreeter greeter = context.getBean(FlakyGreeter.class);
				assertThat(greeter.greet("ada")).isEqualTo("hello ada #3");
				assertThat(greeter.received()).containsExactly("ada", "ada", "ada");
				assertThat(greeter.greet("bob")).isEqualTo("hello bob #4");
			});
	}

	private static Greeter greeter(boolean proxyTargetClass, MethodInterceptor... chain) {
		ProxyFactory factory = new ProxyFactory(new SimpleGreeter());
		factory.setProxyTargetClass(proxyTargetClass);
		if (!proxyTargetClass) {
			factory.addInterface(Greeter.class);
		}
		for (MethodInterceptor interceptor : chain) {
			factory.addAdvice(interceptor);
		}
		return (Greeter) factory.getProxy();
	}

	interface Greeter {

		String greet(String name);

	}

	static class SimpleGreeter implements Greeter {

		@Override
		public String greet(String name) {
			return "hello " + name;
		}

	}

	/** Notes, each time it runs, whether it is the last of its chain. */
	static final class Probe implements MethodInterceptor {

		final List<Boolean> answers = new ArrayList<>();

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			this.answers.add(LastInChain.isLast(invocation));
			return invocation.proceed();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Application {

		@Bean
		RecordingSleeper sleeper() {
			return new RecordingSleeper();
		}

		@Bean
		FlakyGreeter flakyGreeter() {
			return new FlakyGreeter();
		}

	}

	static class FlakyGreeter {

		private final List<String> received = new ArrayList<>();

		private final AtomicInteger calls = new AtomicInteger();

		@Resilient("greeter")
		public String greet(String name) {
			this.received.add(name);
			int call = this.calls.incrementAndGet();
			if (call < 3) {
				throw new IllegalStateException("not yet");
			}
			return "hello " + name + " #" + call;
		}

		public List<String> received() {
			return this.received;
		}

	}

}
