package io.sensoringest.producer.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import io.sensoringest.contract.RecordCodec;
import io.sensoringest.contract.SensorRecord;
import io.sensoringest.producer.api.HeaderException;
import io.sensoringest.producer.api.InputFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of one CSV file, so memory stays flat however large it is. The first
 * line must name {@code record_time}, {@code sensor_id} and {@code value} in any order
 * (blanks around them and a UTF-8 byte order mark are fine). Blank lines are skipped;
 * invalid UTF-8 is read as U+FFFD, which the row rules then reject.
 *
 * <p>
 * It finds the records in the file's bytes itself (a line, or several where a quoted
 * field holds line breaks, as RFC 4180 and commons-csv read them). A record of plain
 * ASCII without quotes whose fields have the plain shape ({@link PlainFields}), which is
 * nearly every row, is checked where it lies and handed on as its own bytes: the wire
 * format carries a valid line as the file wrote it. Every other record is decoded and
 * parsed by commons-csv and checked by {@link RowParser}, and a valid one is written
 * again in the wire format. Hand-written because commons-csv with the row rules and the
 * re-formatting cost the producer about 3.2 CPU-seconds per million rows in
 * {@code make bench}, more than PostgreSQL spends storing them (docs/benchmarks.md).
 *
 * <p>
 * No input stops a file silently or fills the memory: a record longer than
 * {@value #LIMIT} bytes (it keeps at most about twice that, and starts again at the next
 * line), a record that the end of the file cuts inside a quoted field, a record
 * commons-csv cannot read, and the rest of a file that cannot be read to its end (a
 * {@code .gz} cut short) are each a rejected row at the line the record starts on, and
 * the lines after keep their numbers.
 */
public final class CsvFileReader implements AutoCloseable {

	/** The longest record read, in bytes. */
	static final int LIMIT = 64 * 1024;

	private static final List<String> COLUMNS = List.of("record_time", "sensor_id", "value");

	/** The most of a record a rejected row keeps, for the rejects log. */
	private static final int SAMPLE = 200;

	private static final int READ_SIZE = 64 * 1024;

	private static final int MAX_BUFFER = 2 * LIMIT + READ_SIZE;

	private final InputStream in;

	private final CSVFormat format;

	private final RowParser rows;

	/** The delimiter, or -1 where it is not one ASCII byte. */
	private final int delimiter;

	/**
	 * The file's records from {@code position} to {@code end}. It starts small and grows
	 * only for a long record: ten thousand small files would otherwise each clear a
	 * buffer they never use.
	 */
	private byte[] buffer;

	private int position;

	private int end;

	/** The stream has no more bytes. */
	private boolean ended;

	/** Nothing more is read: the end, or the point where the file cannot be read. */
	private boolean finished;

	/** Dropping the rest of an overlong record up to the next line break. */
	private boolean skipping;

	/** The line the next record starts on. */
	private long line = 1;

	/** The bytes before {@code position}. */
	private long bytesBefore;

	/** Where the record found by {@link #scan()} ends, and the line break after it. */
	private int recordEnd;

	private int breakLength;

	private int breaksInside;

	private boolean plain;

	private boolean openQuote;

	/** The plain fields of a record in another column order or delimiter, re-joined. */
	private byte[] joined = new byte[256];

	private final int[] columns;

	private final boolean wireOrder;

	private CsvFileReader(InputStream in, int bufferSize, char delimiter, RowParser rows) throws IOException {
		this.in = in;
		this.buffer = new byte[bufferSize];
		this.format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
		this.rows = rows;
		this.delimiter = (delimiter < 0x80 && delimiter != '"' && delimiter != '\n' && delimiter != '\r') ? delimiter
				: -1;
		this.columns = header();
		this.wireOrder = this.delimiter == ',' && Arrays.equals(this.columns, new int[] { 0, 1, 2 });
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
		InputStream raw = Files.newInputStream(file.path());
		try {
			if (file.compressed()) {
				// read as it goes, so that memory stays flat whatever the size
				return new CsvFileReader(new GZIPInputStream(raw, READ_SIZE), READ_SIZE, delimiter, rows);
			}
			long size = Files.size(file.path());
			return new CsvFileReader(raw, (int) Math.clamp(size + 1, 1024, READ_SIZE), delimiter, rows);
		}
		catch (IOException | RuntimeException ex) {
			raw.close();
			throw ex;
		}
	}

	/**
	 * Reads the next row. A {@link Valid} row's bytes stay as they are only until the
	 * next call.
	 * @return the row, or {@code null} at the end of the file
	 * @throws IOException if the file cannot be read
	 */
	public Row next() throws IOException {
		while (true) {
			Row problem = nextRecord();
			if (problem != null) {
				return problem;
			}
			if (this.finished) {
				return null;
			}
			long start = this.line;
			int from = this.position;
			int to = this.recordEnd;
			this.position = to + this.breakLength;
			this.line += this.breaksInside + ((this.breakLength > 0) ? 1 : 0);
			if (from == to) {
				continue;
			}
			Row row = this.plain ? plainRow(start, from, to) : null;
			row = (row != null) ? row : parsedRow(start, from, to);
			if (row != null) {
				return row;
			}
		}
	}

	/** Returns roughly how far into the file reading has come, in bytes. */
	public long bytesRead() {
		return this.bytesBefore + this.position;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/**
	 * Finds the next record, from {@code position} to {@code recordEnd}, reading more of
	 * the file as needed.
	 * @return a rejected row where the file holds no readable record there, else
	 * {@code null}: then {@code finished} says whether there is no record left
	 */
	private Rejected nextRecord() throws IOException {
		while (!this.finished) {
			if (this.skipping) {
				skipToLineBreak();
				if (!this.skipping) {
					continue;
				}
			}
			else if (this.position < this.end && scan()) {
				if (this.recordEnd - this.position > LIMIT) {
					return overlong();
				}
				if (this.openQuote) {
					this.finished = true;
					return new Rejected(this.line,
							"ends inside a quoted field: the file is cut short, or a quote is not closed",
							sample(this.position, this.end));
				}
				return null;
			}
			else if (this.end - this.position > LIMIT) {
				return overlong();
			}
			if (this.ended) {
				this.finished = true;
				return null;
			}
			Rejected unreadable = fill();
			if (unreadable != null) {
				return unreadable;
			}
		}
		return null;
	}

	/**
	 * Looks for the end of the record at {@code position} among the bytes read, keeping
	 * the quotes as commons-csv reads them: a quote opens a quoted field only at a
	 * field's start, or doubled right after a closing quote; elsewhere it is a character
	 * like any other. A line break is {@code \n}, {@code \r\n} or {@code \r}.
	 * @return whether the record ends among them, or the file ends after them
	 */
	private boolean scan() {
		byte[] b = this.buffer;
		int limit = this.end;
		// nearly every record is plain ASCII without quotes: that part needs no state
		int i = this.position;
		while (i < limit && b[i] >= 0x20 && b[i] < 0x7F && b[i] != '"') {
			i++;
		}
		if (i < limit && b[i] == '\n') {
			this.recordEnd = i;
			this.breakLength = 1;
			this.breaksInside = 0;
			this.plain = true;
			this.openQuote = false;
			return true;
		}
		boolean quoted = false;
		boolean fieldStart = i == this.position || b[i - 1] == this.delimiter;
		boolean closed = false;
		boolean plainSoFar = true;
		int breaks = 0;
		for (; i < limit; i++) {
			byte c = b[i];
			if (quoted) {
				if (c == '"') {
					quoted = false;
					closed = true;
				}
				else if (c == '\n' || (c == '\r' && (i + 1 == limit || b[i + 1] != '\n'))) {
					breaks++;
				}
				continue;
			}
			if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 == limit && !this.ended) {
					// \r\n or \r alone: the next read says which
					return false;
				}
				this.recordEnd = i;
				this.breakLength = (c == '\r' && i + 1 < limit && b[i + 1] == '\n') ? 2 : 1;
				this.breaksInside = breaks;
				this.plain = plainSoFar;
				this.openQuote = false;
				return true;
			}
			if (c == '"') {
				quoted = fieldStart || closed;
				fieldStart = false;
				closed = false;
				plainSoFar = false;
			}
			else {
				fieldStart = c == this.delimiter;
				closed = false;
				// bytes from 0x80 on are negative
				plainSoFar &= fieldStart || (c >= 0x20 && c < 0x7F);
			}
		}
		if (!this.ended) {
			return false;
		}
		this.recordEnd = limit;
		this.breakLength = 0;
		this.breaksInside = breaks;
		this.plain = plainSoFar;
		this.openQuote = quoted;
		return true;
	}

	/**
	 * Rejects the record at {@code position}, longer than the limit, and drops it up to
	 * the next line break.
	 */
	private Rejected overlong() {
		Rejected rejected = new Rejected(this.line, String.format("is longer than %,d bytes", LIMIT),
				sample(this.position, this.end));
		int to = Math.min(this.end, this.position + LIMIT);
		for (int i = this.position; i < to; i++) {
			if (this.buffer[i] == '\n') {
				this.line++;
			}
		}
		this.position = to;
		this.skipping = true;
		return rejected;
	}

	private void skipToLineBreak() {
		for (int i = this.position; i < this.end; i++) {
			if (this.buffer[i] == '\n') {
				this.position = i + 1;
				this.line++;
				this.skipping = false;
				return;
			}
		}
		this.position = this.end;
	}

	/**
	 * Moves the unread bytes to the start of the buffer, grows it when they fill it, and
	 * reads more.
	 * @return a rejected row for the rest of the file when it cannot be read
	 */
	private Rejected fill() {
		int unread = this.end - this.position;
		System.arraycopy(this.buffer, this.position, this.buffer, 0, unread);
		this.bytesBefore += this.position;
		this.position = 0;
		this.end = unread;
		if (this.end > this.buffer.length / 2 && this.buffer.length < MAX_BUFFER) {
			this.buffer = Arrays.copyOf(this.buffer, Math.min(2 * this.buffer.length, MAX_BUFFER));
		}
		try {
			int read = this.in.read(this.buffer, this.end, this.buffer.length - this.end);
			if (read < 0) {
				this.ended = true;
			}
			else {
				this.end += read;
			}
			return null;
		}
		catch (IOException ex) {
			String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			this.finished = true;
			return new Rejected(this.line,
					"cannot be read to its end, so this line and any after it are lost: " + reason,
					sample(this.position, this.end));
		}
	}

	/**
	 * Checks a record of plain ASCII without quotes in place.
	 * @return the valid row, or {@code null} when the record is not of the plain shape
	 */
	private Valid plainRow(long start, int from, int to) {
		byte[] b = this.buffer;
		int first = indexOfDelimiter(from, to);
		int second = (first < 0) ? -1 : indexOfDelimiter(first + 1, to);
		if (second < 0 || indexOfDelimiter(second + 1, to) >= 0) {
			return null;
		}
		int[] starts = { from, first + 1, second + 1 };
		int[] ends = { first, second, to };
		int time = this.columns[0];
		int sensor = this.columns[1];
		int value = this.columns[2];
		if (!PlainFields.isTime(b, starts[time], ends[time]) || !PlainFields.isSensorId(b, starts[sensor], ends[sensor])
				|| !PlainFields.isNumber(b, starts[value], ends[value])) {
			return null;
		}
		if (this.wireOrder) {
			return new Valid(start, b, from, to - from);
		}
		int length = to - from;
		if (this.joined.length < length) {
			this.joined = new byte[Math.max(length, 2 * this.joined.length)];
		}
		int at = copy(b, starts[time], ends[time], 0);
		this.joined[at++] = ',';
		at = copy(b, starts[sensor], ends[sensor], at);
		this.joined[at++] = ',';
		at = copy(b, starts[value], ends[value], at);
		return new Valid(start, this.joined, 0, at);
	}

	private int copy(byte[] from, int start, int end, int at) {
		System.arraycopy(from, start, this.joined, at, end - start);
		return at + end - start;
	}

	private int indexOfDelimiter(int from, int to) {
		for (int i = from; i < to; i++) {
			if (this.buffer[i] == this.delimiter) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Reads any other record with commons-csv and the row rules.
	 * @return the row, or {@code null} for a record that holds nothing
	 */
	private Row parsedRow(long start, int from, int to) {
		CSVRecord record;
		try {
			record = parse(from, to);
		}
		catch (IOException ex) {
			return new Rejected(start, "cannot be parsed as CSV: " + ex.getMessage(), sample(from, to));
		}
		if (record == null) {
			return null;
		}
		if (record.size() != COLUMNS.size()) {
			return new Rejected(start, "has " + record.size() + ((record.size() == 1) ? " field" : " fields")
					+ ", expected " + COLUMNS.size(), text(record));
		}
		try {
			return Valid.of(start, this.rows.parse(record.get(this.columns[0]), record.get(this.columns[1]),
					record.get(this.columns[2])));
		}
		catch (RowException ex) {
			return new Rejected(start, ex.getMessage(), text(record));
		}
	}

	/**
	 * Parses one record.
	 * @return it, or {@code null} when it holds nothing
	 * @throws IOException when it is not CSV, or more than one record
	 */
	private CSVRecord parse(int from, int to) throws IOException {
		String text = new String(this.buffer, from, to - from, StandardCharsets.UTF_8);
		List<CSVRecord> records;
		try (CSVParser parser = CSVParser.parse(text, this.format)) {
			records = parser.getRecords();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		if (records.size() > 1) {
			throw new IOException("holds " + records.size() + " records");
		}
		return records.isEmpty() ? null : records.get(0);
	}

	private int[] header() throws IOException {
		Rejected unreadable;
		do {
			unreadable = nextRecord();
			if (unreadable != null) {
				throw new HeaderException(
						"is not UTF-8 text (a binary file?): expected a header naming " + String.join(", ", COLUMNS));
			}
			if (this.finished) {
				throw new HeaderException("is empty: expected a header naming " + String.join(", ", COLUMNS));
			}
			this.line += this.breaksInside + ((this.breakLength > 0) ? 1 : 0);
			int from = this.position;
			this.position = this.recordEnd + this.breakLength;
			CSVRecord header = headerRecord(from, this.recordEnd);
			if (header != null) {
				return columns(header);
			}
		}
		while (true);
	}

	private CSVRecord headerRecord(int from, int to) {
		if (from == to) {
			return null;
		}
		try {
			return parse(from, to);
		}
		catch (IOException ex) {
			throw new HeaderException("cannot be parsed as CSV (" + ex.getMessage() + "): expected a header naming "
					+ String.join(", ", COLUMNS));
		}
	}

	private static int[] columns(CSVRecord header) {
		if (String.join("", header.values()).indexOf('\uFFFD') >= 0) {
			throw new HeaderException(
					"is not UTF-8 text (a binary file?): expected a header naming " + String.join(", ", COLUMNS));
		}
		List<String> written = new ArrayList<>();
		List<String> names = new ArrayList<>();
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

	private String sample(int from, int to) {
		return new String(this.buffer, from, Math.min(to - from, SAMPLE), StandardCharsets.UTF_8);
	}

	private String text(CSVRecord record) {
		return this.format.format(record.values());
	}

	/** A row of the file, valid or not. */
	public sealed interface Row permits Valid, Rejected {

		/** Returns the 1-based line the row starts on. */
		long line();

	}

	/**
	 * A row that follows every rule, as the wire format carries it: its UTF-8 text in
	 * {@code bytes} from {@code offset}, without a line break.
	 *
	 * @param line the line it starts on
	 * @param bytes where its text is
	 * @param offset where in {@code bytes} it starts
	 * @param length its length in bytes
	 */
	public record Valid(long line, byte[] bytes, int offset, int length) implements Row {

		/** Returns the row of a record, written in the wire format. */
		public static Valid of(long line, SensorRecord record) {
			StringBuilder text = new StringBuilder(64);
			RecordCodec.append(record, text);
			byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
			return new Valid(line, bytes, 0, bytes.length - 1);
		}

		/** Returns the record as a consumer reads it. */
		public SensorRecord record() {
			byte[] text = Arrays.copyOfRange(this.bytes, this.offset, this.offset + this.length + 1);
			text[this.length] = '\n';
			return RecordCodec.decode(text).get(0);
		}

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
