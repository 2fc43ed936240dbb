package dev.resilience.sample.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders scenario reports as a plain-text table for the console, notes below it. */
public final class ReportTable {

	private static final String[] HEADERS = { "#", "case", "outcome", "attempts", "waits (ms)", "verdict",
			"what the starter did" };

	private ReportTable() {
	}

	public static String render(List<ScenarioReport> reports) {
		List<String[]> rows = new ArrayList<>();
		for (ScenarioReport report : reports) {
			if (report.cases().isEmpty()) {
				rows.add(new String[] { Integer.toString(report.scenario()), "-", "-", "-", "-", report.verdict(),
						report.incident() });
			}
			for (CaseReport item : report.cases()) {
				rows.add(new String[] { Integer.toString(report.scenario()), item.name(), item.outcome(),
						Integer.toString(item.attempts()), waits(item.waitsMs()),
						item.prevented() ? ScenarioReport.PREVENTED : ScenarioReport.NOT_PREVENTED,
						item.starterDid() });
			}
		}
		int[] widths = widths(rows);
		StringBuilder text = new StringBuilder();
		line(text, HEADERS, widths);
		line(text, dashes(widths), widths);
		String previous = null;
		for (String[] row : rows) {
			if (previous != null && !previous.equals(row[0])) {
				text.append('\n');
			}
			previous = row[0];
			line(text, row, widths);
		}
		text.append('\n');
		for (ScenarioReport report : reports) {
			for (String note : report.notes()) {
				text.append("Note on ").append(report.scenario()).append(": ").append(note).append('\n');
			}
		}
		long prevented = reports.stream().filter(ScenarioReport::isPrevented).count();
		text.append(prevented).append(" of ").append(reports.size()).append(" incidents prevented: ")
			.append(reports.stream()
				.map((report) -> report.scenario() + " " + report.verdict())
				.collect(Collectors.joining(", ")))
			.append('\n');
		return text.toString();
	}

	private static String waits(List<Long> waits) {
		return waits.isEmpty() ? "-" : waits.stream().map(String::valueOf).collect(Collectors.joining(", "));
	}

	private static int[] widths(List<String[]> rows) {
		int[] widths = new int[HEADERS.length];
		for (int i = 0; i < HEADERS.length; i++) {
			widths[i] = HEADERS[i].length();
		}
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		return widths;
	}

	private static String[] dashes(int[] widths) {
		String[] dashes = new String[widths.length];
		for (int i = 0; i < widths.length; i++) {
			dashes[i] = "-".repeat(widths[i]);
		}
		return dashes;
	}

	private static void line(StringBuilder text, String[] cells, int[] widths) {
		for (int i = 0; i < cells.length; i++) {
			boolean last = i == cells.length - 1;
			text.append(last ? cells[i] : pad(cells[i], widths[i])).append(last ? "" : "  ");
		}
		text.append('\n');
	}

	private static String pad(String cell, int width) {
		return cell + " ".repeat(width - cell.length());
	}

}
