package dev.resilience.quickstart;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.FileSystemUtils;

import dev.resilience.actuate.ResilienceEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start, as a new user would paste it: its code blocks are taken out of
 * {@code README.md}, compiled into a fresh application with exactly the dependencies the README
 * lists (this module's), and started. So the README cannot drift from what works.
 */
class QuickStartTests {

	private static final Path README = Path.of("..", "README.md");

	private static final String PACKAGE = "com.example.quickstart";

	private static final Pattern BLOCK = Pattern.compile("^```(\\w+)\\n(.*?)^```$",
			Pattern.MULTILINE | Pattern.DOTALL);

	private static final Pattern TYPE_NAME = Pattern.compile("^public (?:final )?(?:class|record|interface) (\\w+)",
			Pattern.MULTILINE);

	private static Map<String, List<String>> blocks;

	@BeforeAll
	static void readTheQuickStart() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8);
		int start = readme.indexOf("## Quick start");
		assertThat(start).as("README.md has a '## Quick start' section").isNotNegative();
		// The quick start proper: up to the next heading of any level (its subsections, such as
		// the asynchronous methods, need more than the quick start's dependencies).
		Matcher nextHeading = Pattern.compile("^#{2,6} ", Pattern.MULTILINE).matcher(readme);
		int end = nextHeading.find(start + 1) ? nextHeading.start() : readme.length();
		String section = readme.substring(start, end);
		blocks = new LinkedHashMap<>();
		Matcher matcher = BLOCK.matcher(section);
		while (matcher.find()) {
			blocks.computeIfAbsent(matcher.group(1), (lang) -> new ArrayList<>()).add(matcher.group(2));
		}
		assertThat(blocks).as("code blocks of the quick start").containsKeys("xml", "java", "yaml");
	}

	@Test
	void listsExactlyTheDependenciesOfThisApplication() throws Exception {
		List<String> listed = new ArrayList<>();
		for (String xml : blocks.get("xml")) {
			listed.addAll(dependencies("<dependencies>" + xml + "</dependencies>", false));
		}
		List<String> used = dependencies(Files.readString(Path.of("pom.xml")), true);
		assertThat(listed).as("dependencies in README.md's quick start vs quickstart/pom.xml")
			.containsExactlyInAnyOrderElementsOf(used);
	}

	@Test
	void startsWithTheResilientServiceProxiedAndItsPolicyConfigured() throws Exception {
		Path root = Path.of("target", "quickstart");
		FileSystemUtils.deleteRecursively(root);
		Path sources = Files.createDirectories(root.resolve("src").resolve(PACKAGE.replace('.', '/')));
		Path classes = Files.createDirectories(root.resolve("classes"));
		List<String> files = new ArrayList<>();
		// What a fresh application from start.spring.io brings: the application class.
		files.add(write(sources, "QuickStartApplication", """
				import org.springframework.boot.autoconfigure.SpringBootApplication;

				@SpringBootApplication
				public class QuickStartApplication {
				}
				"""));
		for (String java : blocks.get("java")) {
			Matcher name = TYPE_NAME.matcher(java);
			assertThat(name.find()).as("a public type in the block:%n%s", java).isTrue();
			files.add(write(sources, name.group(1), java));
		}
		Files.writeString(classes.resolve("application.yml"), String.join("\n", blocks.get("yaml")));
		compile(files, classes);

		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
				getClass().getClassLoader())) {
			Class<?> application = loader.loadClass(PACKAGE + ".QuickStartApplication");
			Thread thread = Thread.currentThread();
			ClassLoader previous = thread.getContextClassLoader();
			thread.setContextClassLoader(loader);
			try {
				SpringApplication app = new SpringApplication(new DefaultResourceLoader(loader), application);
				app.setMainApplicationClass(application);
				// Only what the check needs beyond the README: a free port, and the endpoint to read.
				app.setDefaultProperties(
						Map.of("server.port", "0", "management.endpoints.web.exposure.include", "resilience"));
				try (ConfigurableApplicationContext context = app.run()) {
					Object client = context.getBean("quoteClient");
					assertThat(AopUtils.isAopProxy(client)).as("QuoteClient is proxied for @Resilient").isTrue();
					Map<String, Object> quotes = context.getBean(ResilienceEndpoint.class).policy("quotes").getBody();
					assertThat(quotes).isNotNull();
					Map<String, Object> retry = map(map(quotes, "config"), "retry");
					assertThat(retry.get("max-attempts")).isEqualTo(4);
					assertThat(retry.get("max-elapsed-time")).isEqualTo("15m");
					assertThat(map(map(quotes, "config"), "circuit-breaker").get("wait-duration-in-open-state"))
						.isEqualTo("30s");
				}
			}
			finally {
				thread.setContextClassLoader(previous);
			}
		}
	}

	private static String write(Path directory, String type, String body) throws IOException {
		Path file = directory.resolve(type + ".java");
		Files.writeString(file, "package " + PACKAGE + ";\n\n" + body);
		return file.toString();
	}

	private static void compile(List<String> files, Path classes) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-classpath", classpath,
				"-d", classes.toString()));
		arguments.addAll(files);
		int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
		assertThat(status).as("javac of the README's snippets (see the output above)").isZero();
	}

	private static List<String> dependencies(String xml, boolean skipTestScope) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		Element root = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
		NodeList nodes = root.getElementsByTagName("dependency");
		List<String> coordinates = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			Element dependency = (Element) nodes.item(i);
			if (skipTestScope && "test".equals(text(dependency, "scope"))) {
				continue;
			}
			coordinates.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
		}
		return coordinates;
	}

	private static String text(Element element, String tag) {
		NodeList nodes = element.getElementsByTagName(tag);
		return (nodes.getLength() > 0) ? nodes.item(0).getTextContent().trim() : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> map, String key) {
		return (Map<String, Object>) map.get(key);
	}

}
