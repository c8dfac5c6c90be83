package io.sensoringest.producer.input;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

import io.sensoringest.contract.Decimals;
import io.sensoringest.contract.IsoTimes;
import io.sensoringest.contract.SensorRecord;

/**
 * The rules a row must follow. {@code record_time} is ISO-8601 with a {@code T} or a
 * space between date and time, with an offset or {@code Z}, or without one and then read
 * in the configured zone; kept to the microsecond, as PostgreSQL keeps it.
 * {@code sensor_id} is not blank, holds no control character and is at most
 * {@value #MAX_SENSOR_ID} characters. {@code value} is a finite decimal number.
 */
public final class RowParser {

	/** The longest sensor id accepted. */
	public static final int MAX_SENSOR_ID = 200;

	private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.append(DateTimeFormatter.ISO_LOCAL_TIME)
		.optionalStart()
		.parseLenient()
		.appendOffset("+HH:MM:ss", "Z")
		.toFormatter()
		.withChronology(IsoChronology.INSTANCE)
		.withResolverStyle(ResolverStyle.STRICT);

	private final ZoneId zone;

	/**
	 * Creates the parser.
	 * @param zone where times without an offset were written
	 */
	public RowParser(ZoneId zone) {
		this.zone = zone;
	}

	/**
	 * Checks one row's fields, in {@code record_time, sensor_id, value} order.
	 * @return the record
	 * @throws RowException saying which rule the row breaks
	 */
	public SensorRecord parse(String recordTime, String sensorId, String value) {
		return new SensorRecord(time(recordTime.strip()), sensor(sensorId.strip()), number(value.strip()));
	}

	private OffsetDateTime time(String text) {
		if (text.isEmpty()) {
			throw new RowException("record_time is empty");
		}
		OffsetDateTime common = IsoTimes.parseCommonShape(text, true);
		if (common != null) {
			return roundToMicros(common);
		}
		TemporalAccessor parsed;
		try {
			parsed = TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
		}
		catch (DateTimeException ex) {
			throw new RowException("record_time '" + abbreviate(text) + "' is not an ISO-8601 date and time");
		}
		OffsetDateTime time = (parsed instanceof OffsetDateTime offset) ? offset
				: ((LocalDateTime) parsed).atZone(this.zone).toOffsetDateTime();
		return roundToMicros(time);
	}

	private static OffsetDateTime roundToMicros(OffsetDateTime time) {
		int belowMicros = time.getNano() % 1000;
		OffsetDateTime truncated = time.truncatedTo(ChronoUnit.MICROS);
		return (belowMicros >= 500) ? truncated.plus(1, ChronoUnit.MICROS) : truncated;
	}

	private static String sensor(String text) {
		if (text.isEmpty()) {
			throw new RowException("sensor_id is blank");
		}
		if (text.length() > MAX_SENSOR_ID) {
			throw new RowException("sensor_id is longer than " + MAX_SENSOR_ID + " characters");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\uFFFD') {
				throw new RowException("sensor_id is not valid UTF-8");
			}
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				throw new RowException("sensor_id holds a control character");
			}
		}
		return text;
	}

	private static double number(String text) {
		if (text.isEmpty()) {
			throw new RowException("value is empty");
		}
		if (!isDecimal(text)) {
			throw new RowException("value '" + abbreviate(text) + "' is not a number");
		}
		double value = Decimals.parse(text);
		if (!Double.isFinite(value)) {
			throw new RowException("value '" + abbreviate(text) + "' is out of range");
		}
		return value;
	}

	/**
	 * {@code [+-]digits[.digits][(e|E)[+-]digits]}, at least one digit before the
	 * exponent.
	 */
	static boolean isDecimal(String text) {
		int i = 0;
		int n = text.length();
		if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
			i++;
		}
		int digits = 0;
		while (i < n && isDigit(text.charAt(i))) {
			i++;
			digits++;
		}
		if (i < n && text.charAt(i) == '.') {
			i++;
			while (i < n && isDigit(text.charAt(i))) {
				i++;
				digits++;
			}
		}
		if (digits == 0) {
			return false;
		}
		if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
			i++;
			if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
				i++;
			}
			int exponent = i;
			while (i < n && isDigit(text.charAt(i))) {
				i++;
			}
			if (i == exponent) {
				return false;
			}
		}
		return i == n;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	static String abbreviate(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 57) + "...";
	}

}
