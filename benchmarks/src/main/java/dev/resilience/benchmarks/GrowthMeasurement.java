package dev.resilience.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.autoproxy.DefaultAdvisorAutoProxyCreator;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import dev.resilience.Resilience;
import dev.resilience.autoconfigure.ResilienceSupervisionAutoConfiguration;

/**
 * What the starter costs as the work grows: the startup time and retained heap of a context with
 * N policies, each used by one {@code @Resilient} method of its own bean (with its meters on the
 * registry), and of N supervised connections. Not a JMH benchmark: one measurement per JVM, run as
 * {@code java -cp benchmarks/target/benchmarks.jar dev.resilience.benchmarks.GrowthMeasurement
 * policies 1000 prometheus} (or {@code supervised 1000 prometheus}), each count in a fresh JVM.
 * <p>
 * Two baselines: the same N beans without the annotation (the difference, divided by N, is what
 * an annotated bean costs in all), and the same N beans proxied by a no-op interceptor (what any
 * proxied bean costs, {@code @Transactional} ones too: its class, its advised configuration); the
 * annotated beans' cost above the latter is the starter's own (policy, breaker, meters). The N classes are generated and compiled at run time, because an annotation's policy name
 * is a constant of its class.
 */
public final class GrowthMeasurement {

	private GrowthMeasurement() {
	}

	public static void main(String[] args) throws Exception {
		String what = args[0];
		int count = Integer.parseInt(args[1]);
		String registry = (args.length > 2) ? args[2] : Registries.SIMPLE;
		boolean policies = what.equals("policies");
		List<Class<?>> beans = policies ? compileBeans(count, Beans.RESILIENT) : List.of();
		// The baselines have as many beans, plain and proxied: what is left is the starter's cost.
		List<Class<?>> plainBeans = policies ? compileBeans(count, Beans.PLAIN) : List.of();
		List<Class<?>> proxiedBeans = policies ? compileBeans(count, Beans.PROXIED) : List.of();
		Baseline plain = baseline(plainBeans, registry, false);
		Baseline proxied = policies ? baseline(proxiedBeans, registry, true) : plain;
		// The first start also generates each bean's proxy class; later ones reuse them.
		long coldNanos = 0;
		long nanos = Long.MAX_VALUE;
		ConfigurableApplicationContext context = null;
		CountDownLatch forever = new CountDownLatch(1);
		for (int i = 0; i < 3; i++) {
			if (context != null) {
				context.close();
			}
			long begin = System.nanoTime();
			context = start(beans, registry, false);
			if (what.equals("supervised")) {
				Resilience resilience = context.getBean(Resilience.class);
				for (int c = 0; c < count; c++) {
					resilience.supervise("conn-" + c, "stream", (session) -> {
						session.connected();
						forever.await();
					});
				}
			}
			long elapsed = System.nanoTime() - begin;
			coldNanos = (i == 0) ? elapsed : coldNanos;
			nanos = Math.min(nanos, elapsed);
		}
		long heap = settledHeap();
		int meters = context.getBean(MeterRegistry.class).getMeters().size();
		double msEach = (nanos - plain.nanos()) / 1e6 / Math.max(1, count);
		double coldMsEach = (coldNanos - plain.nanos()) / 1e6 / Math.max(1, count);
		double kbEach = (heap - plain.heap()) / 1024.0 / Math.max(1, count);
		System.out.printf(Locale.ROOT,
				"%s=%d registry=%s meters=%d startup: best %.1fms, first %.1fms (baseline %.1fms) => %.3f ms each"
						+ " (first start %.3f ms each); heap=%.1fMB (baseline %.1fMB) => %.1f KB each%n",
				what, count, registry, meters, nanos / 1e6, coldNanos / 1e6, plain.nanos() / 1e6, msEach,
				coldMsEach, heap / 1048576.0, plain.heap() / 1048576.0, kbEach);
		if (policies) {
			System.out.printf(Locale.ROOT,
					"  of which a no-op proxy: %.3f ms, %.1f KB each; the starter's own: %.3f ms, %.1f KB each%n",
					(proxied.nanos() - plain.nanos()) / 1e6 / count, (proxied.heap() - plain.heap()) / 1024.0 / count,
					(nanos - proxied.nanos()) / 1e6 / count, (heap - proxied.heap()) / 1024.0 / count);
		}
		forever.countDown();
		context.close();
	}

	/** Best startup of three after three warm-ups, and the settled heap of one more start. */
	private static Baseline baseline(List<Class<?>> beans, String registry, boolean proxied)
			throws InterruptedException {
		// Warm the JVM (class loading, the JIT of Boot's startup) first.
		for (int i = 0; i < 3; i++) {
			start(beans, registry, proxied).close();
		}
		long nanos = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			long begin = System.nanoTime();
			start(beans, registry, proxied).close();
			nanos = Math.min(nanos, System.nanoTime() - begin);
		}
		try (ConfigurableApplicationContext context = start(beans, registry, proxied)) {
			return new Baseline(nanos, settledHeap());
		}
	}

	private record Baseline(long nanos, long heap) {
	}

	private enum Beans {

		PLAIN(""), PROXIED("@dev.resilience.benchmarks.NoopProxied"), RESILIENT("@dev.resilience.Resilient(\"policy-%d\")");

		private final String annotation;

		Beans(String annotation) {
			this.annotation = annotation;
		}

	}

	private static ConfigurableApplicationContext start(List<Class<?>> beans, String registry, boolean proxied) {
		ClassLoader loader = beans.isEmpty() ? GrowthMeasurement.class.getClassLoader()
				: beans.get(0).getClassLoader();
		// Proxies are defined in the beans' class loader, the one that loaded the generated classes.
		return new SpringApplicationBuilder(GrowthConfiguration.class).web(WebApplicationType.NONE)
			.resourceLoader(new DefaultResourceLoader(loader))
			.logStartupInfo(false)
			.properties("spring.main.banner-mode=off", "logging.level.root=warn", "bench.registry=" + registry)
			.initializers((context) -> {
				GenericApplicationContext generic = (GenericApplicationContext) context;
				if (proxied) {
					generic.registerBean(DefaultAdvisorAutoProxyCreator.class, () -> {
						DefaultAdvisorAutoProxyCreator creator = new DefaultAdvisorAutoProxyCreator();
						creator.setProxyTargetClass(true);
						return creator;
					});
					generic.registerBean("noopAdvisor", Advisor.class, () -> new DefaultPointcutAdvisor(
							new AnnotationMatchingPointcut(null, NoopProxied.class, true), new NoopInterceptor()));
				}
				for (Class<?> bean : beans) {
					generic.registerBean(bean);
				}
			})
			.run();
	}

	/** The metrics benchmark context plus supervised connections. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(ResilienceSupervisionAutoConfiguration.class)
	@Import(ResilientMetricsConfiguration.class)
	static class GrowthConfiguration {

	}

	/** Heap in use once the collector has nothing left to free. */
	private static long settledHeap() throws InterruptedException {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			System.gc();
			Thread.sleep(50);
			long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			if (now >= used - 64 * 1024) {
				return Math.min(now, used);
			}
			used = Math.min(used, now);
		}
		return used;
	}

	/**
	 * {@code count} classes, each with one method, annotated as {@code kind} says ({@code @Resilient}
	 * with a policy of its own each).
	 */
	private static List<Class<?>> compileBeans(int count, Beans kind)
			throws IOException, ClassNotFoundException {
		Path dir = Files.createTempDirectory("growth");
		List<String> files = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Path source = dir.resolve("Generated" + i + ".java");
			String annotation = String.format(Locale.ROOT, kind.annotation, i);
			Files.writeString(source, "package generated; public class Generated" + i + " { " + annotation
					+ " public String call() { return \"ok\"; } }");
			files.add(source.toString());
		}
		List<Class<?>> classes = new ArrayList<>();
		if (count == 0) {
			return classes;
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<String> arguments = new ArrayList<>(List.of("-d", dir.toString(), "-cp",
				System.getProperty("java.class.path"), "-proc:none"));
		arguments.addAll(files);
		if (compiler.run(null, null, null, arguments.toArray(new String[0])) != 0) {
			throw new IllegalStateException("Generated beans did not compile");
		}
		URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() },
				GrowthMeasurement.class.getClassLoader());
		for (int i = 0; i < count; i++) {
			classes.add(loader.loadClass("generated.Generated" + i));
		}
		return classes;
	}

}
