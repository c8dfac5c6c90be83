package io.sensoringest.producer.input;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Stands between a file's characters and the CSV parser, so that no input can stop a file
 * silently or fill the memory: it passes whole records (a line, or several where a quoted
 * field holds line breaks) and puts in the place of each one it cannot pass a placeholder
 * record that {@link CsvFileReader} reports as a rejected row, at the line where the
 * record started, with the same number of line breaks after it so that the lines after
 * keep their numbers. What it cannot pass: a record longer than {@value #LIMIT}
 * characters (it keeps at most that many in memory, and starts again at the next line), a
 * record that the end of the file cuts inside a quoted field, and the rest of a file that
 * cannot be read to its end (a {@code .gz} cut short). Hand-written because commons-csv
 * reads a record of any length into memory and gives up on a file at its first unclosed
 * quote.
 */
final class RecordGuard extends Reader {

	/** The longest record passed, in characters. */
	static final int LIMIT = 64 * 1024;

	/** What a placeholder record starts with: no text line holds it. */
	static final char MARK = '\u0000';

	/** The most of a record a placeholder keeps, for the rejects log. */
	private static final int SAMPLE = 200;

	private static final int CHUNK = 8192;

	/** Room for a record at the limit, the next one's start, and a read. */
	private static final int FULL_SIZE = 2 * LIMIT + 4 * CHUNK;

	private final Reader in;

	/**
	 * Complete records from {@code position} to {@code ready}, then the record being read
	 * up to {@code end}: the characters are read into it and handed on from it, with no
	 * copy on the way. It starts small and grows to its full size only for a long record:
	 * ten thousand small files would otherwise each clear 320 KiB they never use.
	 */
	private char[] buffer = new char[4 * CHUNK];

	private int position;

	private int ready;

	private int end;

	/** Line breaks inside quotes of the record being read. */
	private int recordBreaks;

	private boolean inQuotes;

	private boolean atFieldStart = true;

	private boolean afterClosingQuote;

	private final char delimiter;

	/** Skipping the rest of an overlong record up to the next line break. */
	private boolean skipping;

	private String skippedSample;

	private boolean ended;

	private final Deque<Problem> problems = new ArrayDeque<>();

	RecordGuard(Reader in, char delimiter) {
		this.in = in;
		this.delimiter = delimiter;
	}

	/**
	 * Returns why the next placeholder record stands where it does, and the start of the
	 * record it stands for, in the order they were read.
	 */
	Problem nextProblem() {
		Problem problem = this.problems.poll();
		return (problem != null) ? problem : new Problem("cannot be read", "");
	}

	@Override
	public int read(char[] target, int offset, int length) throws IOException {
		while (this.position == this.ready) {
			if (this.ended) {
				return -1;
			}
			compact();
			fill();
		}
		int count = Math.min(length, this.ready - this.position);
		System.arraycopy(this.buffer, this.position, target, offset, count);
		this.position += count;
		return count;
	}

	/** Moves the record being read to the start of the buffer. */
	private void compact() {
		int tail = this.end - this.ready;
		System.arraycopy(this.buffer, this.ready, this.buffer, 0, tail);
		this.position = 0;
		this.ready = 0;
		this.end = tail;
	}

	private void fill() throws IOException {
		if (this.buffer.length - this.end < CHUNK) {
			this.buffer = Arrays.copyOf(this.buffer, FULL_SIZE);
		}
		int read;
		try {
			read = this.in.read(this.buffer, this.end, Math.min(CHUNK, this.buffer.length - this.end));
		}
		catch (IOException ex) {
			String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			placeholder("cannot be read to its end, so this line and any after it are lost: " + reason,
					this.recordBreaks, sample());
			this.ended = true;
			return;
		}
		if (read < 0) {
			if (this.skipping) {
				placeholder(tooLong(), this.recordBreaks, this.skippedSample);
			}
			else if (this.inQuotes && this.end > this.ready) {
				placeholder("ends inside a quoted field: the file is cut short, or a quote is not closed",
						this.recordBreaks, sample());
			}
			else {
				this.ready = this.end;
			}
			this.ended = true;
			return;
		}
		int from = this.end;
		this.end += read;
		if (this.skipping) {
			skip(from);
		}
		else {
			scan(from);
		}
	}

	/** Finds the ends of records among the characters from {@code from} on. */
	private void scan(int from) {
		char[] chars = this.buffer;
		boolean quoted = this.inQuotes;
		boolean fieldStart = this.atFieldStart;
		boolean closed = this.afterClosingQuote;
		for (int i = from; i < this.end; i++) {
			char c = chars[i];
			if (quoted) {
				if (c == '"') {
					quoted = false;
					closed = true;
				}
				else if (c == '\n') {
					this.recordBreaks++;
				}
				continue;
			}
			if (c == '"') {
				// as commons-csv reads it: a quote opens a quoted field only at the
				// field's start, or doubled right after a closing quote; elsewhere it
				// is a character like any other
				quoted = fieldStart || closed;
				fieldStart = false;
				closed = false;
			}
			else if (c == '\n' || c == '\r') {
				this.ready = i + 1;
				this.recordBreaks = 0;
				fieldStart = true;
				closed = false;
			}
			else {
				fieldStart = c == this.delimiter;
				closed = false;
			}
		}
		this.inQuotes = quoted;
		this.atFieldStart = fieldStart;
		this.afterClosingQuote = closed;
		if (this.end - this.ready > LIMIT) {
			// past the limit: forget the record but its start, and start again after the
			// next line break, quoted or not
			this.skippedSample = sample();
			this.skipping = true;
			this.inQuotes = false;
			this.end = this.ready;
		}
	}

	/** Drops characters up to the next line break, then reads on. */
	private void skip(int from) {
		for (int i = from; i < this.end; i++) {
			if (this.buffer[i] == '\n') {
				int rest = this.end - (i + 1);
				char[] after = new char[rest];
				System.arraycopy(this.buffer, i + 1, after, 0, rest);
				this.end = this.ready;
				placeholder(tooLong(), this.recordBreaks + 1, this.skippedSample);
				this.skipping = false;
				System.arraycopy(after, 0, this.buffer, this.end, rest);
				int scanFrom = this.end;
				this.end += rest;
				scan(scanFrom);
				return;
			}
		}
		this.end = this.ready;
	}

	private String sample() {
		return new String(this.buffer, this.ready, Math.min(this.end - this.ready, SAMPLE));
	}

	private static String tooLong() {
		return String.format("is longer than %,d characters", LIMIT);
	}

	/**
	 * Puts a placeholder record where the record being read was, with the line breaks
	 * that record held.
	 */
	private void placeholder(String problem, int lineBreaks, String sample) {
		this.problems.add(new Problem(problem, sample));
		this.end = this.ready;
		this.buffer[this.end++] = MARK;
		this.buffer[this.end++] = '\n';
		for (int i = 1; i < lineBreaks; i++) {
			this.buffer[this.end++] = '\n';
		}
		this.ready = this.end;
		this.recordBreaks = 0;
		this.inQuotes = false;
		this.atFieldStart = true;
		this.afterClosingQuote = false;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/**
	 * Why a placeholder stands where it does.
	 *
	 * @param reason in words, for the rejected row
	 * @param text the start of the record it stands for
	 */
	record Problem(String reason, String text) {

	}

}
