package io.sensoringest.contract;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Reads and writes ISO-8601 date-times with offset quickly. Both apps handle one per row,
 * and {@link DateTimeFormatter}'s general machinery costs more than the rest of a row's
 * work put together; the common shape {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+HH:MM)} is
 * handled by hand, anything else by the general formatter, with the same results.
 */
public final class IsoTimes {

	private IsoTimes() {
	}

	/**
	 * Parses an ISO-8601 date-time with offset.
	 * @throws java.time.format.DateTimeParseException if it is not one
	 */
	public static OffsetDateTime parse(String text) {
		OffsetDateTime fast = parseCommonShape(text, false);
		return (fast != null) ? fast : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

	/**
	 * Parses the common shape, with a {@code T} or (if allowed) a space between date and
	 * time.
	 * @return the time, or {@code null} when the text has another shape or is not a valid
	 * date-time
	 */
	public static OffsetDateTime parseCommonShape(String text, boolean spaceAllowed) {
		int length = text.length();
		char separator = (length > 10) ? text.charAt(10) : 0;
		if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| !(separator == 'T' || (spaceAllowed && separator == ' ')) || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		int pos = 19;
		int nanos = 0;
		if (pos < length && text.charAt(pos) == '.') {
			int scale = 100_000_000;
			pos++;
			while (pos < length && Character.isDigit(text.charAt(pos)) && scale > 0) {
				nanos += (text.charAt(pos++) - '0') * scale;
				scale /= 10;
			}
		}
		ZoneOffset offset = offset(text, pos);
		if ((year | month | day | hour | minute | second) < 0 || offset == null) {
			return null;
		}
		try {
			return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
		}
		catch (java.time.DateTimeException ex) {
			return null;
		}
	}

	/** Appends a time as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes it. */
	public static void format(OffsetDateTime time, StringBuilder out) {
		int year = time.getYear();
		if (year < 0 || year > 9999) {
			DateTimeFormatter.ISO_OFFSET_DATE_TIME.formatTo(time, out);
			return;
		}
		pad(out, year, 4).append('-');
		pad(out, time.getMonthValue(), 2).append('-');
		pad(out, time.getDayOfMonth(), 2).append('T');
		pad(out, time.getHour(), 2).append(':');
		pad(out, time.getMinute(), 2).append(':');
		pad(out, time.getSecond(), 2);
		int nanos = time.getNano();
		if (nanos > 0) {
			// as few digits as the value needs, like appendFraction(NANO_OF_SECOND, 0, 9,
			// true)
			int digits = 9;
			while (nanos % 10 == 0) {
				nanos /= 10;
				digits--;
			}
			pad(out.append('.'), nanos, digits);
		}
		out.append(time.getOffset().getId());
	}

	private static StringBuilder pad(StringBuilder out, int value, int width) {
		for (int limit = 10, w = 1; w < width; w++, limit *= 10) {
			if (value < limit) {
				out.append('0');
			}
		}
		return out.append(value);
	}

	private static ZoneOffset offset(String text, int pos) {
		int remaining = text.length() - pos;
		if (remaining == 1 && text.charAt(pos) == 'Z') {
			return ZoneOffset.UTC;
		}
		if (remaining != 6 || text.charAt(pos + 3) != ':') {
			return null;
		}
		int hours = digits(text, pos + 1, 2);
		int minutes = digits(text, pos + 4, 2);
		char sign = text.charAt(pos);
		if (hours < 0 || minutes < 0 || (sign != '+' && sign != '-') || hours > 18 || minutes > 59) {
			return null;
		}
		int seconds = hours * 3600 + minutes * 60;
		if (seconds > 18 * 3600) {
			return null;
		}
		return ZoneOffset.ofTotalSeconds((sign == '-') ? -seconds : seconds);
	}

	/** The number written in {@code count} digits from {@code start}, or -1. */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
