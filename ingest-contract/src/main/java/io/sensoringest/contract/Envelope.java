package io.sensoringest.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a message says about the rows it carries: its segments, each a run of consecutive
 * valid rows of one file version ({@link ChunkMetadata}), in the order the body holds
 * their rows. A message of one segment is the one-file message of earlier versions: its
 * id is the segment's and its headers are the segment's. A message of several segments
 * (small files packed together) names them in the header {@value #SEGMENTS}, one table
 * each, and its id is a digest of their ids: the same segments always get the same id,
 * and two messages with different segments never share one. The consumers' ledger records
 * each segment, never the message, so rows count once however they were packed.
 *
 * @param messageId the message's id
 * @param segments its segments, at least one
 */
public record Envelope(String messageId, List<ChunkMetadata> segments) {

	/** Header: the segments of a message of several, a list of tables. */
	public static final String SEGMENTS = "x-segments";

	/** Prefix of the id of a message of several segments. */
	public static final String PACKED_PREFIX = "packed:";

	private static final String ID = "id";

	private static final String FILE = "file";

	private static final String FIRST_LINE = "first-line";

	private static final String ROWS = "rows";

	private static final String FIRST_ROW = "first-row";

	/** Returns the envelope of these segments, with its deterministic id. */
	public static Envelope of(List<ChunkMetadata> segments) {
		if (segments.isEmpty()) {
			throw new IllegalArgumentException("a message carries at least one segment");
		}
		if (segments.size() == 1) {
			return new Envelope(segments.get(0).messageId(), List.copyOf(segments));
		}
		MessageDigest digest = sha256();
		for (ChunkMetadata segment : segments) {
			digest.update(segment.messageId().getBytes(StandardCharsets.UTF_8));
			digest.update((byte) '\n');
		}
		return new Envelope(PACKED_PREFIX + HexFormat.of().formatHex(digest.digest(), 0, 16), List.copyOf(segments));
	}

	/**
	 * Returns the envelope of a message whose segments cannot be read: one segment that
	 * names nothing, so that the message can still be set aside and described.
	 */
	public static Envelope unreadable(String messageId) {
		return new Envelope(messageId, List.of(ChunkMetadata.from(null, null)));
	}

	/** Returns the rows of all its segments. */
	public int rowCount() {
		int rows = 0;
		for (ChunkMetadata segment : this.segments) {
			rows += segment.rowCount();
		}
		return rows;
	}

	/** Whether the message carries rows of more than one segment. */
	public boolean packed() {
		return this.segments.size() > 1;
	}

	/** Returns the headers that carry this envelope. */
	public Map<String, Object> headers() {
		if (!packed()) {
			return this.segments.get(0).headers();
		}
		List<Object> tables = new ArrayList<>(this.segments.size());
		for (ChunkMetadata segment : this.segments) {
			Map<String, Object> table = new HashMap<>(8);
			table.put(ID, segment.messageId());
			table.put(FILE, segment.sourceFile());
			table.put(FIRST_LINE, segment.firstLine());
			table.put(ROWS, segment.rowCount());
			table.put(FIRST_ROW, segment.firstRow());
			tables.add(table);
		}
		Map<String, Object> headers = new HashMap<>(4);
		headers.put(SEGMENTS, tables);
		headers.put(ChunkMetadata.ROW_COUNT, rowCount());
		return headers;
	}

	/**
	 * Returns about how many bytes the headers of a packed message take for a segment, so
	 * that a message's header stays well inside one AMQP frame.
	 */
	public static int headerBytes(ChunkMetadata segment) {
		return 96 + segment.messageId().length() + 3 * segment.sourceFile().length();
	}

	/**
	 * Reads the envelope back from a message: a packed one from its {@value #SEGMENTS}
	 * header, any other as one segment ({@link ChunkMetadata#from}), as messages of
	 * earlier versions are.
	 * @param messageId the message's id, possibly {@code null}
	 * @param headers the message's headers, possibly {@code null}
	 * @throws IllegalArgumentException if the segments header is not a list of tables
	 * that each name a segment
	 */
	public static Envelope from(String messageId, Map<String, Object> headers) {
		Object listed = (headers != null) ? headers.get(SEGMENTS) : null;
		if (listed == null) {
			return new Envelope(messageId, List.of(ChunkMetadata.from(messageId, headers)));
		}
		if (!(listed instanceof List<?> tables) || tables.isEmpty()) {
			throw new IllegalArgumentException(SEGMENTS + " is not a list of segments");
		}
		List<ChunkMetadata> segments = new ArrayList<>(tables.size());
		for (Object each : tables) {
			if (!(each instanceof Map<?, ?> table) || table.get(ID) == null || !(table.get(ROWS) instanceof Number)) {
				throw new IllegalArgumentException(SEGMENTS + " holds an entry that names no segment: " + each);
			}
			Object file = table.get(FILE);
			segments.add(new ChunkMetadata(table.get(ID).toString(), (file != null) ? file.toString() : null,
					number(table.get(FIRST_LINE)), (int) number(table.get(ROWS)), number(table.get(FIRST_ROW))));
		}
		return new Envelope(messageId, List.copyOf(segments));
	}

	/**
	 * Names where the rows come from, for a log line: {@code a.csv line 2}, or
	 * {@code 3 files: a.csv line 2, b.csv line 2, c.csv line 2}.
	 */
	public String describe() {
		if (!packed()) {
			ChunkMetadata only = this.segments.get(0);
			return (only.sourceFile() != null) ? only.sourceFile() + " line " + only.firstLine()
					: "no source file in its headers";
		}
		StringBuilder text = new StringBuilder();
		text.append(this.segments.stream().map(ChunkMetadata::sourceFile).distinct().count()).append(" files: ");
		int named = Math.min(3, this.segments.size());
		for (int i = 0; i < named; i++) {
			ChunkMetadata segment = this.segments.get(i);
			text.append((i > 0) ? ", " : "").append(segment.sourceFile()).append(" line ").append(segment.firstLine());
		}
		if (this.segments.size() > named) {
			text.append(" and ").append(this.segments.size() - named).append(" more segments");
		}
		return text.toString();
	}

	private static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : -1;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
