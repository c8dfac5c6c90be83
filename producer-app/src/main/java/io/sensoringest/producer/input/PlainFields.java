package io.sensoringest.producer.input;

/**
 * The row rules of {@link RowParser} for the plain shape nearly every row has, checked on
 * the file's bytes without decoding or allocating: a field the plain shape admits is one
 * {@link RowParser} accepts as it stands, and one that every consumer reads back to the
 * same value, so the producer may forward its bytes (DESIGN's wire format). A field in
 * any other shape is not wrong, only not plain: it goes the general way.
 *
 * <ul>
 * <li>{@code record_time}: {@code yyyy-MM-ddTHH:mm:ss[.f{1,6}](Z|+HH:MM|-HH:MM)}, a real
 * date and time, an offset within 18 hours; no rounding needed.</li>
 * <li>{@code sensor_id}: 1 to {@value RowParser#MAX_SENSOR_ID} printable ASCII
 * characters, no blank at either end, no comma or quote.</li>
 * <li>{@code value}: {@code [+-]digits[.digits]} with at least one digit, at most 300
 * characters (so always finite), no exponent.</li>
 * </ul>
 */
final class PlainFields {

	private static final int LONGEST_VALUE = 300;

	private static final int MAX_OFFSET_MINUTES = 18 * 60;

	private PlainFields() {
	}

	static boolean isTime(byte[] b, int from, int to) {
		int length = to - from;
		if (length < 20 || b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T' || b[from + 13] != ':'
				|| b[from + 16] != ':') {
			return false;
		}
		int year = digits(b, from, 4);
		int month = digits(b, from + 5, 2);
		int day = digits(b, from + 8, 2);
		int hour = digits(b, from + 11, 2);
		int minute = digits(b, from + 14, 2);
		int second = digits(b, from + 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour < 0 || hour > 23
				|| minute < 0 || minute > 59 || second < 0 || second > 59) {
			return false;
		}
		int i = from + 19;
		if (b[i] == '.') {
			int first = ++i;
			while (i < to && isDigit(b[i])) {
				i++;
			}
			if (i == first || i - first > 6) {
				return false;
			}
		}
		int rest = to - i;
		if (rest == 1) {
			return b[i] == 'Z';
		}
		if (rest != 6 || (b[i] != '+' && b[i] != '-') || b[i + 3] != ':') {
			return false;
		}
		int hours = digits(b, i + 1, 2);
		int minutes = digits(b, i + 4, 2);
		return hours >= 0 && minutes >= 0 && minutes < 60 && hours * 60 + minutes <= MAX_OFFSET_MINUTES;
	}

	static boolean isSensorId(byte[] b, int from, int to) {
		int length = to - from;
		if (length < 1 || length > RowParser.MAX_SENSOR_ID || b[from] == ' ' || b[to - 1] == ' ') {
			return false;
		}
		for (int i = from; i < to; i++) {
			byte c = b[i];
			if (c < 0x20 || c > 0x7E || c == ',' || c == '"') {
				return false;
			}
		}
		return true;
	}

	static boolean isNumber(byte[] b, int from, int to) {
		if (to - from > LONGEST_VALUE) {
			return false;
		}
		int i = from;
		if (i < to && (b[i] == '+' || b[i] == '-')) {
			i++;
		}
		int digits = 0;
		while (i < to && isDigit(b[i])) {
			i++;
			digits++;
		}
		if (i < to && b[i] == '.') {
			i++;
			while (i < to && isDigit(b[i])) {
				i++;
				digits++;
			}
		}
		return digits > 0 && i == to;
	}

	private static int daysIn(int month, int year) {
		return switch (month) {
			case 2 -> ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}

	/** The number written in {@code count} digits from {@code start}, or -1. */
	private static int digits(byte[] b, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			if (!isDigit(b[i])) {
				return -1;
			}
			value = value * 10 + (b[i] - '0');
		}
		return value;
	}

	private static boolean isDigit(byte c) {
		return c >= '0' && c <= '9';
	}

}
