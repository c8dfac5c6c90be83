package io.sensoringest.contract;

import java.util.Map;

/**
 * What a message says about the rows it carries, besides the rows: a deterministic
 * {@code message_id} (the same rows of the same file always get the same id), and headers
 * naming the source file, the line of the first row and the row count.
 *
 * @param messageId {@code <file fingerprint>:<first line>}
 * @param sourceFile the file the rows come from, as the producer named it
 * @param firstLine the 1-based line of the first row in that file
 * @param rowCount how many rows the body holds
 */
public record ChunkMetadata(String messageId, String sourceFile, long firstLine, int rowCount) {

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

	/** Returns the id of the chunk of a file that starts at a line. */
	public static String messageId(String fileFingerprint, long firstLine) {
		return fileFingerprint + ":" + firstLine;
	}

	/** Returns the headers that carry this metadata. */
	public Map<String, Object> headers() {
		return Map.of(SOURCE_FILE, sourceFile, FIRST_LINE, firstLine, ROW_COUNT, rowCount);
	}

	/**
	 * Reads the metadata back from a message.
	 * @param messageId the message's id, possibly {@code null}
	 * @param headers the message's headers, possibly {@code null}
	 * @return the metadata; missing parts are {@code null}, {@code -1} and {@code -1}
	 */
	public static ChunkMetadata from(String messageId, Map<String, Object> headers) {
		Map<String, Object> present = (headers != null) ? headers : Map.of();
		Object file = present.get(SOURCE_FILE);
		return new ChunkMetadata(messageId, (file != null) ? file.toString() : null, number(present.get(FIRST_LINE)),
				(int) number(present.get(ROW_COUNT)));
	}

	private static long number(Object header) {
		return (header instanceof Number number) ? number.longValue() : -1;
	}

}
