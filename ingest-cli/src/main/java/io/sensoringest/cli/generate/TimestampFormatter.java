package io.sensoringest.cli.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Writes instants as ISO-8601 local times with milliseconds and the zone's offset at that
 * instant ({@code 2021-01-01T00:00:00.000+08:00}), the way Python's {@code isoformat}
 * writes them. It keeps the current offset and date between calls, because a series asks
 * for millions of nearby instants; one instance serves one thread.
 */
final class TimestampFormatter {

	private static final long MILLIS_PER_DAY = 86_400_000L;

	private final ZoneRules rules;

	private long offsetValidFrom = Long.MAX_VALUE;

	private long offsetValidUntil = Long.MIN_VALUE;

	private long offsetMillis;

	private String offsetText;

	private long day = Long.MIN_VALUE;

	private String dateText;

	TimestampFormatter(ZoneId zone) {
		this.rules = zone.getRules();
	}

	void append(long epochMillis, StringBuilder out) {
		if (epochMillis < this.offsetValidFrom || epochMillis >= this.offsetValidUntil) {
			findOffset(epochMillis);
		}
		long local = epochMillis + this.offsetMillis;
		long localDay = Math.floorDiv(local, MILLIS_PER_DAY);
		if (localDay != this.day) {
			this.day = localDay;
			this.dateText = LocalDate.ofEpochDay(localDay) + "T";
		}
		int millisOfDay = (int) Math.floorMod(local, MILLIS_PER_DAY);
		out.append(this.dateText);
		appendTwoDigits(millisOfDay / 3_600_000, out).append(':');
		appendTwoDigits(millisOfDay / 60_000 % 60, out).append(':');
		appendTwoDigits(millisOfDay / 1000 % 60, out).append('.');
		int millis = millisOfDay % 1000;
		out.append((char) ('0' + millis / 100))
			.append((char) ('0' + millis / 10 % 10))
			.append((char) ('0' + millis % 10));
		out.append(this.offsetText);
	}

	private void findOffset(long epochMillis) {
		Instant instant = Instant.ofEpochMilli(epochMillis);
		int seconds = this.rules.getOffset(instant).getTotalSeconds();
		ZoneOffsetTransition next = this.rules.nextTransition(instant);
		this.offsetValidFrom = epochMillis;
		this.offsetValidUntil = (next != null) ? next.toEpochSecond() * 1000 : Long.MAX_VALUE;
		this.offsetMillis = seconds * 1000L;
		this.offsetText = offsetText(seconds);
	}

	/**
	 * {@code +08:00}, {@code +00:00} rather than {@code Z}, and seconds only when there
	 * are some.
	 */
	static String offsetText(int totalSeconds) {
		StringBuilder text = new StringBuilder(9).append((totalSeconds < 0) ? '-' : '+');
		int abs = Math.abs(totalSeconds);
		appendTwoDigits(abs / 3600, text).append(':');
		appendTwoDigits(abs / 60 % 60, text);
		if (abs % 60 != 0) {
			appendTwoDigits(abs % 60, text.append(':'));
		}
		return text.toString();
	}

	private static StringBuilder appendTwoDigits(int value, StringBuilder out) {
		return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
	}

}
