package dev.resilience.sample.scenario;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import dev.resilience.sample.report.ReportTable;
import dev.resilience.sample.report.ScenarioReport;

/**
 * With {@code --scenarios}: runs every scenario once the application is up, prints the table and
 * exits (status 0 when every incident was prevented, else 1).
 */
@Component
public class ScenarioCommandLine implements ApplicationRunner {

	/** The command-line option that selects this mode. */
	public static final String OPTION = "scenarios";

	private static final Logger logger = LoggerFactory.getLogger(ScenarioCommandLine.class);

	private final Scenarios scenarios;

	private final ConfigurableApplicationContext context;

	private final PrintStream out;

	public ScenarioCommandLine(Scenarios scenarios, ConfigurableApplicationContext context) {
		this.scenarios = scenarios;
		this.context = context;
		this.out = System.out;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.containsOption(OPTION)) {
			return;
		}
		List<ScenarioReport> reports = runAll();
		this.out.println();
		this.out.print(ReportTable.render(reports));
		this.out.flush();
		boolean prevented = reports.stream().allMatch(ScenarioReport::isPrevented);
		ExitCodeGenerator exitCode = () -> prevented ? 0 : 1;
		System.exit(SpringApplication.exit(this.context, exitCode));
	}

	private List<ScenarioReport> runAll() {
		List<ScenarioReport> reports = new ArrayList<>();
		for (Scenario scenario : this.scenarios.all()) {
			logger.info("Scenario {}: {}", scenario.number(), scenario.incident());
			try {
				reports.add(scenario.run());
			}
			catch (Exception ex) {
				logger.error("Scenario {} could not run", scenario.number(), ex);
				reports.add(ScenarioReport.of(scenario.number(), scenario.incident(), List.of(),
						List.of("could not run: " + ex)));
			}
		}
		return reports;
	}

}
