package io.sensoringest.producer.checkpoint;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code rejects.tsv} in {@code PRODUCER_STATE_DIR}: one line per rejected row, with the
 * file, the line, the reason and the row's text, appended run after run.
 */
public final class RejectsLog implements AutoCloseable {

	/** The name of the file in the state folder. */
	public static final String FILE = "rejects.tsv";

	/** Characters of a rejected row's text kept in the log. */
	static final int TEXT_KEPT = 4096;

	private final Writer out;

	private RejectsLog(Writer out) {
		this.out = out;
	}

	/** Opens the log in a folder for appending. */
	public static RejectsLog open(Path dir) throws IOException {
		Files.createDirectories(dir);
		Path file = dir.resolve(FILE);
		boolean fresh = !Files.exists(file) || Files.size(file) == 0;
		Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		if (fresh) {
			out.write(Tsv.line("file", "line", "reason", "text"));
		}
		return new RejectsLog(out);
	}

	/**
	 * Appends one rejected row; of a very long one, the first {@value #TEXT_KEPT}
	 * characters.
	 */
	public synchronized void add(String file, long line, String reason, String text) throws IOException {
		String kept = (text.length() <= TEXT_KEPT) ? text
				: text.substring(0, TEXT_KEPT) + String.format("... (%,d more characters)", text.length() - TEXT_KEPT);
		this.out.write(Tsv.line(file, line, reason, kept));
	}

	/**
	 * Returns the rejected rows of one file that the log in a folder holds, as
	 * {@code line, reason, text} lines of a TSV file with its header; a row logged more
	 * than once (a file resumed or published again) appears once.
	 */
	public static String of(Path dir, String file) throws IOException {
		Map<Long, String> rows = new TreeMap<>();
		Path log = dir.resolve(FILE);
		if (Files.exists(log)) {
			for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
				String[] fields = line.split("\t", -1);
				if (fields.length == 4 && Tsv.unescape(fields[0]).equals(file) && fields[1].matches("\\d+")) {
					rows.put(Long.parseLong(fields[1]),
							Tsv.line(Long.parseLong(fields[1]), Tsv.unescape(fields[2]), Tsv.unescape(fields[3])));
				}
			}
		}
		return Tsv.line("line", "reason", "text") + String.join("", rows.values());
	}

	/** Pushes what was added to the file. */
	public synchronized void flush() throws IOException {
		this.out.flush();
	}

	@Override
	public synchronized void close() throws IOException {
		this.out.close();
	}

}
