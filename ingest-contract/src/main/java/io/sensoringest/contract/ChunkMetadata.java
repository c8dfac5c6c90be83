package io.sensoringest.contract;

import java.util.HashMap;
import java.util.Map;

/**
 * What a message says about the rows it carries, besides the rows: a deterministic
 * {@code message_id} that names exactly those rows (the same rows of the same file always
 * get the same id, and two messages with different rows never share one), and headers
 * naming the source file, the line of the first row, the row count and where the rows
 * start among the file's valid rows.
 *
 * @param messageId {@code <file fingerprint>:<first line>:<row count>}; messages of
 * earlier versions carry {@code <file fingerprint>:<first line>}, which still reads
 * @param sourceFile the file the rows come from, as the producer named it
 * @param firstLine the 1-based line of the first row in that file
 * @param rowCount how many rows the body holds
 * @param firstRow how many valid rows of the file come before the first one (-1 when the
 * message does not say, as earlier versions' messages do not)
 */
public record ChunkMetadata(String messageId, String sourceFile, long firstLine, int rowCount, long firstRow) {

	/** The message's content type. */
	public static final String CONTENT_TYPE = "text/csv";

	/** The body's encoding. */
	public static final String CONTENT_ENCODING = "utf-8";

	/** Header: the source file. */
	public static final String SOURCE_FILE = "x-source-file";

	/** Header: the 1-based line of the first row. */
	public static final String FIRST_LINE = "x-first-line";

	/** Header: the number of rows. */
	public static final String ROW_COUNT = "x-row-count";

	/** Header: the number of the file's valid rows before the first one. */
	public static final String FIRST_ROW = "x-first-row";

	/**
	 * Returns the metadata of a chunk of a file, named by its exact rows.
	 * @param fileFingerprint the file version's fingerprint
	 * @param sourceFile the file's name
	 * @param firstLine the line of the chunk's first row
	 * @param rowCount the chunk's rows
	 * @param firstRow the file's valid rows before the chunk
	 */
	public static ChunkMetadata of(String fileFingerprint, String sourceFile, long firstLine, int rowCount,
			long firstRow) {
		return new ChunkMetadata(messageId(fileFingerprint, firstLine, rowCount), sourceFile, firstLine, rowCount,
				firstRow);
	}

	/**
	 * Returns the id of the chunk of a file that starts at a line and holds a number of
	 * rows: two chunks of one file version share an id only when they hold the same rows.
	 */
	public static String messageId(String fileFingerprint, long firstLine, int rowCount) {
		return fileFingerprint + ":" + firstLine + ":" + rowCount;
	}

	/** Returns the headers that carry this metadata. */
	public Map<String, Object> headers() {
		Map<String, Object> headers = new HashMap<>(4);
		headers.put(SOURCE_FILE, this.sourceFile);
		headers.put(FIRST_LINE, this.firstLine);
		headers.put(ROW_COUNT, this.rowCount);
		if (this.firstRow >= 0) {
			headers.put(FIRST_ROW, this.firstRow);
		}
		return headers;
	}

	/**
	 * Reads the metadata back from a message.
	 * @param messageId the message's id, possibly {@code null}
	 * @param headers the message's headers, possibly {@code null}
	 * @return the metadata; missing parts are {@code null} or {@code -1}
	 */
	public static ChunkMetadata from(String messageId, Map<String, Object> headers) {
		Map<String, Object> present = (headers != null) ? headers : Map.of();
		Object file = present.get(SOURCE_FILE);
		return new ChunkMetadata(messageId, (file != null) ? file.toString() : null, number(present.get(FIRST_LINE)),
				(int) number(present.get(ROW_COUNT)), number(present.get(FIRST_ROW)));
	}

	private static long number(Object header) {
		return (header instanceof Number number) ? number.longValue() : -1;
	}

}
