package io.sensoringest.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docs/benchmarks.md}, which {@code make bench} and {@code make bench-sweep} each
 * write a section of: a command rewrites its own section and leaves the other's as it is.
 */
final class BenchmarksDoc {

	static final String FILE = "benchmarks.md";

	static final String BENCH = "## `make bench`";

	static final String SWEEP = "## `make bench-sweep`";

	private static final String TITLE = "# Benchmarks";

	private BenchmarksDoc() {
	}

	/**
	 * Writes one section, the bench's before the sweep's.
	 * @param heading {@link #BENCH} or {@link #SWEEP}
	 * @param body the section's text after its heading
	 */
	static void write(Path docs, String heading, String body) throws IOException {
		Path file = docs.resolve(FILE);
		String bench = section(file, BENCH);
		String sweep = section(file, SWEEP);
		String text = heading + "\n\n" + body.strip() + "\n";
		if (heading.equals(BENCH)) {
			bench = text;
		}
		else {
			sweep = text;
		}
		List<String> parts = new ArrayList<>(List.of(TITLE + "\n"));
		if (bench != null) {
			parts.add(bench);
		}
		if (sweep != null) {
			parts.add(sweep);
		}
		Files.createDirectories(docs);
		Files.writeString(file, String.join("\n", parts));
	}

	/** Returns a section as the file has it, heading included, or {@code null}. */
	private static String section(Path file, String heading) throws IOException {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		String text = Files.readString(file);
		int start = text.indexOf(heading + "\n");
		if (start < 0) {
			return null;
		}
		int end = text.indexOf("\n## ", start + heading.length());
		return text.substring(start, (end < 0) ? text.length() : end).strip() + "\n";
	}

}
