package dev.resilience.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.Resilience;
import dev.resilience.Supervised;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceSupervisionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs say what the code does: every meter of the contract is described in
 * {@code docs/metrics.md}, the starter registers no meter the contract does not list, and every
 * key of the generated configuration metadata is in the README's configuration reference.
 * The meter list lives in {@code docs/meters.txt}, checked against CONTRACT §6 where
 * {@code ../shared/CONTRACT.md} is beside the repository.
 */
class DocsTests {

	private static final Path ROOT = Path.of("..");

	/** {@code shared/} beside the clone (as CI lays it), or beside a folder of worktrees. */
	private static final List<Path> CONTRACT_CANDIDATES = List.of(Path.of("../../shared/CONTRACT.md"),
			Path.of("../../../shared/CONTRACT.md"));

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final Pattern CONTRACT_METER = Pattern.compile("^\\| `(resilience\\.[a-z.]+)`",
			Pattern.MULTILINE);

	@Test
	void meterListIsTheContractsList() throws IOException {
		Path found = CONTRACT_CANDIDATES.stream().filter(Files::isRegularFile).findFirst().orElse(null);
		Assumptions.assumeTrue(found != null, () -> "shared/CONTRACT.md not found beside the repository ("
				+ CONTRACT_CANDIDATES.get(0).toAbsolutePath().normalize() + "): docs/meters.txt not compared with §6");
		String contract = Files.readString(found, StandardCharsets.UTF_8);
		String metrics = section(contract, "## 6. Metrics");
		List<String> listed = new ArrayList<>();
		Matcher matcher = CONTRACT_METER.matcher(metrics);
		while (matcher.find()) {
			listed.add(matcher.group(1));
		}
		assertThat(listed).as("meters of CONTRACT §6").isNotEmpty();
		assertThat(meterList()).as("docs/meters.txt vs CONTRACT §6").containsExactlyInAnyOrderElementsOf(listed);
	}

	@Test
	void metricsDocDescribesEveryMeter() throws IOException {
		String doc = read("docs/metrics.md");
		List<String> missing = meterList().stream()
			.filter((meter) -> !doc.contains("## `" + meter + "`") || !doc.contains("| `" + meter + "` |"))
			.toList();
		assertThat(missing).as("meters without a table row and a section in docs/metrics.md").isEmpty();
	}

	@Test
	void registersNoMeterTheListDoesNotName() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					ResilienceAutoConfiguration.class, ResilienceSupervisionAutoConfiguration.class,
					ResilienceMetricsAutoConfiguration.class))
			.withPropertyValues("resilience.policies.documented.retry.max-attempts=1")
			.run((context) -> {
				Resilience resilience = context.getBean(Resilience.class);
				resilience.call("documented", () -> "ok");
				Supervised supervised = resilience.supervise("documented-stream", "documented", (session) -> {
					throw new IllegalArgumentException("permanent: ends at once");
				});
				assertThat(supervised.awaitStopped(Duration.ofSeconds(10))).isTrue();
				Set<String> registered = new TreeSet<>();
				for (Meter meter : context.getBean(MeterRegistry.class).getMeters()) {
					if (meter.getId().getName().startsWith("resilience.")) {
						registered.add(meter.getId().getName());
					}
				}
				assertThat(registered).as("meters the starter registers").isNotEmpty();
				assertThat(meterList()).as("docs/meters.txt").containsAll(registered);
			});
	}

	@Test
	void configurationReferenceHasEveryMetadataKey() throws IOException {
		assertThat(METADATA).as("generated configuration metadata").isRegularFile();
		JsonNode properties = new ObjectMapper().readTree(METADATA.toFile()).path("properties");
		String reference = section(read("README.md"), "## Configuration reference");
		List<String> missing = new ArrayList<>();
		for (JsonNode property : properties) {
			String name = property.path("name").asString();
			String documented = name.startsWith("resilience.defaults.")
					? "| `" + name.substring("resilience.defaults.".length()) + "` |" : "`" + name;
			if (!reference.contains(documented)) {
				missing.add(name);
			}
		}
		assertThat(properties.size()).as("keys in the metadata").isPositive();
		assertThat(missing).as("metadata keys missing from the README's configuration reference").isEmpty();
	}

	private static List<String> meterList() throws IOException {
		return read("docs/meters.txt").lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

	private static String read(String file) throws IOException {
		return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
	}

	/** From the heading to the next heading of the same level. */
	private static String section(String markdown, String heading) {
		int start = markdown.indexOf(heading);
		assertThat(start).as("heading '%s'", heading).isNotNegative();
		int end = markdown.indexOf("\n## ", start + heading.length());
		return markdown.substring(start, (end < 0) ? markdown.length() : end);
	}

}
