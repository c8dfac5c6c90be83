package io.sensoringest.cli.generate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.sensoringest.cli.CliProperties;

/**
 * What {@code make gen_csv_demo} writes, from the {@code GEN_*} settings.
 *
 * @param targetDir where the files go ({@code TARGET_FILE_DIR})
 * @param sensors how many sensors, one file each ({@code GEN_NUM_SENSORS})
 * @param recordsPerSensor rows per file ({@code GEN_NUM_RECORDS})
 * @param start the first reading's local time in {@code zone} ({@code GEN_START_DATE})
 * @param intervalMillis time between a sensor's readings ({@code GEN_RECORD_INTERVAL},
 * given in seconds)
 * @param zone the zone whose offsets the times carry ({@code GEN_TIMEZONE})
 * @param seed the random seed: the same settings and seed give the same bytes
 * ({@code GEN_SEED})
 */
public record GeneratorSettings(Path targetDir, int sensors, long recordsPerSensor, LocalDateTime start,
		long intervalMillis, ZoneId zone, long seed) {

	/** Returns the data set the settings describe, once they have been checked. */
	public static GeneratorSettings from(CliProperties.Generate settings) {
		return new GeneratorSettings(settings.targetDir(), settings.sensors(), settings.records(),
				startDate(settings.startDate()), intervalMillis(settings.recordInterval()), zone(settings.timezone()),
				settings.seed());
	}

	/** Returns the number of rows all files hold together. */
	public long totalRows() {
		return sensors * recordsPerSensor;
	}

	/**
	 * Reads a date ({@code 2021-01-01}) or a local date-time
	 * ({@code 2021-01-01T06:30:00}).
	 * @throws DateTimeParseException when it is neither
	 */
	public static LocalDateTime startDate(String text) {
		return (text.contains("T")) ? LocalDateTime.parse(text) : LocalDate.parse(text).atStartOfDay();
	}

	/**
	 * Reads a positive number of seconds with at most millisecond precision, in
	 * milliseconds.
	 * @throws IllegalArgumentException when it is not one
	 */
	public static long intervalMillis(String text) {
		long millis = new BigDecimal(text).movePointRight(3).longValueExact();
		if (millis <= 0) {
			throw new IllegalArgumentException("not positive: " + text);
		}
		return millis;
	}

	/**
	 * Reads a time zone.
	 * @throws DateTimeException when it is not a known one
	 */
	public static ZoneId zone(String text) {
		return ZoneId.of(text);
	}

}
