package io.sensoringest.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docs/benchmarks.md}, of which {@code make bench} and {@code make bench-sweep}
 * each write a section: a command rewrites its own section in its place (or adds it at
 * the end) and leaves every other section, written by hand or by the other command, as it
 * is.
 */
final class BenchmarksDoc {

	static final String FILE = "benchmarks.md";

	static final String BENCH = "## `make bench`";

	static final String SWEEP = "## `make bench-sweep`";

	static final String SHAPES = "## `make bench`: small files and big ones";

	static final String GROWTH = "## `make bench`: as the table grows";

	private static final String TITLE = "# Benchmarks\n";

	private BenchmarksDoc() {
	}

	/**
	 * Writes one section.
	 * @param heading its heading line, {@link #BENCH} or {@link #SWEEP}
	 * @param body the section's text after its heading
	 */
	static void write(Path docs, String heading, String body) throws IOException {
		Path file = docs.resolve(FILE);
		List<String> sections = sections(file);
		String section = heading + "\n\n" + body.strip() + "\n";
		int index = -1;
		for (int i = 0; i < sections.size(); i++) {
			if (sections.get(i).startsWith(heading + "\n")) {
				index = i;
			}
		}
		if (index >= 0) {
			sections.set(index, section);
		}
		else {
			sections.add(section);
		}
		Files.createDirectories(docs);
		Files.writeString(file, String.join("\n", sections));
	}

	/** Returns the title and each {@code ## } section, each ending in one new line. */
	private static List<String> sections(Path file) throws IOException {
		List<String> sections = new ArrayList<>();
		String text = Files.isRegularFile(file) ? Files.readString(file) : TITLE;
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf("\n## ", start);
			end = (end < 0) ? text.length() : end + 1;
			sections.add(text.substring(start, end).strip() + "\n");
			start = end;
		}
		return sections;
	}

}
