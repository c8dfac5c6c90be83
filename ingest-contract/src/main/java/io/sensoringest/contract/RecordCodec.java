package io.sensoringest.contract;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a message: its rows as CSV without a header, one per line ending in
 * {@code \n}, UTF-8, {@code record_time} in ISO-8601 with its offset. A sensor id holding
 * a comma, a quote or a line break is quoted as RFC 4180 says.
 */
public final class RecordCodec {

	private RecordCodec() {
	}

	/** Appends one row, with its line end. */
	public static void append(SensorRecord record, StringBuilder body) {
		IsoTimes.format(record.recordTime(), body);
		body.append(',');
		appendField(record.sensorId(), body);
		body.append(',').append(record.value()).append('\n');
	}

	/** Encodes rows into a message body. */
	public static byte[] encode(List<SensorRecord> records) {
		StringBuilder body = new StringBuilder(records.size() * 64);
		for (SensorRecord record : records) {
			append(record, body);
		}
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Decodes a message body.
	 * @throws MalformedBodyException naming the first row that is not in this format
	 */
	public static List<SensorRecord> decode(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		List<SensorRecord> records = new ArrayList<>();
		int row = 0;
		int pos = 0;
		while (pos < text.length()) {
			row++;
			int timeEnd = text.indexOf(',', pos);
			if (timeEnd < 0) {
				throw new MalformedBodyException(row, "has no comma after record_time");
			}
			int[] sensorEnd = { 0 };
			String sensorId = readField(text, timeEnd + 1, sensorEnd, row);
			int lineEnd = text.indexOf('\n', sensorEnd[0]);
			if (sensorEnd[0] >= text.length() || text.charAt(sensorEnd[0]) != ',' || lineEnd < 0) {
				throw new MalformedBodyException(row, "does not end in ,value and a line break");
			}
			records.add(new SensorRecord(time(text.substring(pos, timeEnd), row), sensorId,
					value(text.substring(sensorEnd[0] + 1, lineEnd), row)));
			pos = lineEnd + 1;
		}
		return records;
	}

	private static void appendField(String field, StringBuilder body) {
		boolean quote = false;
		for (int i = 0; i < field.length() && !quote; i++) {
			char c = field.charAt(i);
			quote = c == ',' || c == '"' || c == '\n' || c == '\r';
		}
		if (!quote) {
			body.append(field);
			return;
		}
		body.append('"').append(field.replace("\"", "\"\"")).append('"');
	}

	/**
	 * Reads a plain or quoted field from {@code start}; leaves the index after it in
	 * end[0].
	 */
	private static String readField(String text, int start, int[] end, int row) {
		if (start >= text.length() || text.charAt(start) != '"') {
			int comma = text.indexOf(',', start);
			end[0] = (comma < 0) ? text.length() : comma;
			return text.substring(start, end[0]);
		}
		StringBuilder field = new StringBuilder();
		int i = start + 1;
		while (true) {
			int quote = text.indexOf('"', i);
			if (quote < 0) {
				throw new MalformedBodyException(row, "has an unterminated quoted sensor_id");
			}
			field.append(text, i, quote);
			if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
				field.append('"');
				i = quote + 2;
			}
			else {
				end[0] = quote + 1;
				return field.toString();
			}
		}
	}

	private static OffsetDateTime time(String text, int row) {
		try {
			return IsoTimes.parse(text);
		}
		catch (DateTimeException ex) {
			throw new MalformedBodyException(row, "has record_time '" + text + "', not ISO-8601 with an offset");
		}
	}

	private static double value(String text, int row) {
		try {
			double value = Decimals.parse(text);
			if (Double.isFinite(value)) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new MalformedBodyException(row, "has value '" + text + "', not a finite number");
	}

}
