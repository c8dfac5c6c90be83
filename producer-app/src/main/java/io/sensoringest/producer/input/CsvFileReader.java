package io.sensoringest.producer.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import io.sensoringest.contract.SensorRecord;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of one CSV file with commons-csv, so memory stays flat however large
 * it is. The first line must name {@code record_time}, {@code sensor_id} and
 * {@code value} in any order (blanks around them and a UTF-8 byte order mark are fine).
 * Blank lines are skipped; invalid UTF-8 is read as U+FFFD, which the row rules then
 * reject. A record too long, cut short by the end of the file inside a quoted field, or
 * past the point where the file cannot be read is a rejected row too
 * ({@link RecordGuard}); so is the rest of a file from where the parser cannot go on, and
 * the rows before it stand.
 */
public final class CsvFileReader implements AutoCloseable {

	private static final List<String> COLUMNS = List.of("record_time", "sensor_id", "value");

	private final CSVFormat format;

	private final CSVParser parser;

	private final RecordGuard guard;

	/** Set once the parser gave up on the file: nothing more is read. */
	private boolean broken;

	private final Iterator<CSVRecord> records;

	private final RowParser rows;

	private final int[] columns;

	private long charsRead;

	private CsvFileReader(CSVFormat format, CSVParser parser, RecordGuard guard, RowParser rows) {
		this.format = format;
		this.parser = parser;
		this.guard = guard;
		this.records = parser.iterator();
		this.rows = rows;
		this.columns = header();
	}

	/**
	 * Opens a file and reads its header.
	 * @param file the file
	 * @param delimiter the field delimiter
	 * @param rows the row rules
	 * @return the reader, positioned after the header
	 * @throws HeaderException if the first line is not the expected header
	 * @throws IOException if the file cannot be read
	 */
	public static CsvFileReader open(InputFile file, char delimiter, RowParser rows) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
		InputStreamReader decoder = new InputStreamReader(stream(file),
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPLACE)
					.onUnmappableCharacter(CodingErrorAction.REPLACE));
		RecordGuard guard = new RecordGuard(decoder, delimiter);
		CSVParser parser = CSVParser.builder().setReader(guard).setFormat(format).get();
		try {
			return new CsvFileReader(format, parser, guard, rows);
		}
		catch (RuntimeException ex) {
			parser.close();
			throw ex;
		}
	}

	/**
	 * Opens the file's bytes: a {@code .gz} file as the stream it compresses, read as it
	 * goes, so that memory stays flat whatever its size.
	 */
	private static InputStream stream(InputFile file) throws IOException {
		InputStream raw = Files.newInputStream(file.path());
		if (!file.compressed()) {
			return raw;
		}
		try {
			return new GZIPInputStream(raw, 1 << 16);
		}
		catch (IOException ex) {
			raw.close();
			throw ex;
		}
	}

	/**
	 * Reads the next row.
	 * @return the row, or {@code null} at the end of the file
	 * @throws IOException if the file cannot be read, or stops being CSV (an unterminated
	 * quote)
	 */
	public Row next() throws IOException {
		if (this.broken) {
			return null;
		}
		try {
			if (!hasNext()) {
				return null;
			}
		}
		catch (CsvBrokenException ex) {
			// the parser cannot go on: the rows read so far stand, the rest is one reject
			this.broken = true;
			return new Rejected(this.parser.getCurrentLineNumber() + 1, ex.getMessage(), "");
		}
		CSVRecord record = this.records.next();
		this.charsRead = record.getCharacterPosition();
		long line = this.parser.getCurrentLineNumber() - lineBreaksIn(record);
		if (isPlaceholder(record)) {
			RecordGuard.Problem problem = this.guard.nextProblem();
			return new Rejected(line, problem.reason(), problem.text());
		}
		if (record.size() != COLUMNS.size()) {
			return new Rejected(line, "has " + record.size() + ((record.size() == 1) ? " field" : " fields")
					+ ", expected " + COLUMNS.size(), text(record));
		}
		try {
			return new Valid(line, this.rows.parse(record.get(this.columns[0]), record.get(this.columns[1]),
					record.get(this.columns[2])));
		}
		catch (RowException ex) {
			return new Rejected(line, ex.getMessage(), text(record));
		}
	}

	/** Returns roughly how far into the file reading has come, in characters. */
	public long charsRead() {
		return this.charsRead;
	}

	@Override
	public void close() throws IOException {
		this.parser.close();
	}

	private boolean hasNext() throws IOException {
		try {
			return this.records.hasNext();
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof CSVException csv) {
				throw new CsvBrokenException("cannot be parsed as CSV after line " + this.parser.getCurrentLineNumber()
						+ ", so this line and any after it are lost: " + csv.getMessage(), csv);
			}
			throw ex.getCause();
		}
	}

	private int[] header() {
		boolean any;
		try {
			any = hasNext();
		}
		catch (IOException ex) {
			throw new HeaderException(ex.getMessage());
		}
		if (!any) {
			throw new HeaderException("is empty: expected a header naming " + String.join(", ", COLUMNS));
		}
		List<String> written = new ArrayList<>();
		List<String> names = new ArrayList<>();
		CSVRecord header = this.records.next();
		if (isPlaceholder(header) || String.join("", header.values()).indexOf('\uFFFD') >= 0) {
			throw new HeaderException(
					"is not UTF-8 text (a binary file?): expected a header naming " + String.join(", ", COLUMNS));
		}
		for (String name : header.values()) {
			written.add(name.replace("\uFEFF", "").strip());
			names.add(written.get(written.size() - 1).toLowerCase(Locale.ROOT));
		}
		int[] found = new int[COLUMNS.size()];
		for (int i = 0; i < COLUMNS.size(); i++) {
			found[i] = names.indexOf(COLUMNS.get(i));
		}
		if (names.size() != COLUMNS.size() || names.stream().distinct().count() != COLUMNS.size()
				|| Arrays.stream(found).anyMatch((index) -> index < 0)) {
			throw new HeaderException("has header '" + RowParser.abbreviate(String.join(",", written))
					+ "': expected exactly " + String.join(", ", COLUMNS) + ", in any order");
		}
		return found;
	}

	private static boolean isPlaceholder(CSVRecord record) {
		return record.size() == 1 && record.get(0).length() == 1 && record.get(0).charAt(0) == RecordGuard.MARK;
	}

	private String text(CSVRecord record) {
		return this.format.format(record.values());
	}

	private static int lineBreaksIn(CSVRecord record) {
		int breaks = 0;
		for (String value : record.values()) {
			for (int i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) {
				breaks++;
			}
		}
		return breaks;
	}

	/** The parser met text it cannot read as CSV, and cannot go on past it. */
	private static final class CsvBrokenException extends IOException {

		CsvBrokenException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** A row of the file, valid or not. */
	public sealed interface Row permits Valid, Rejected {

		/** Returns the 1-based line the row starts on. */
		long line();

	}

	/**
	 * A row that follows every rule.
	 *
	 * @param line the line it starts on
	 * @param record its content
	 */
	public record Valid(long line, SensorRecord record) implements Row {

	}

	/**
	 * A row that breaks a rule.
	 *
	 * @param line the line it starts on
	 * @param reason which rule, in words
	 * @param text its fields as read, joined again with the delimiter
	 */
	public record Rejected(long line, String reason, String text) implements Row {

	}

}
