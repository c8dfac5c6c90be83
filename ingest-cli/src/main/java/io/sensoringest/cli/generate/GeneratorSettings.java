package io.sensoringest.cli.generate;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.Settings;

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

	/**
	 * Reads the settings.
	 * @throws InvalidSettingException naming the first setting that is missing or
	 * unusable
	 */
	public static GeneratorSettings from(Settings settings) {
		return new GeneratorSettings(Path.of(settings.get("TARGET_FILE_DIR")),
				settings.integer("GEN_NUM_SENSORS", 1, Integer.MAX_VALUE),
				settings.whole("GEN_NUM_RECORDS", 1, Long.MAX_VALUE), startDate(settings), intervalMillis(settings),
				zone(settings), settings.whole("GEN_SEED", Long.MIN_VALUE, Long.MAX_VALUE));
	}

	/** Returns the number of rows all files hold together. */
	public long totalRows() {
		return sensors * recordsPerSensor;
	}

	private static LocalDateTime startDate(Settings settings) {
		String text = settings.get("GEN_START_DATE");
		try {
			return (text.contains("T")) ? LocalDateTime.parse(text) : LocalDate.parse(text).atStartOfDay();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidSettingException("GEN_START_DATE", text,
					"is not a date (2021-01-01) or a local date-time (2021-01-01T06:30:00)");
		}
	}

	private static long intervalMillis(Settings settings) {
		String text = settings.get("GEN_RECORD_INTERVAL");
		try {
			long millis = new BigDecimal(text).movePointRight(3).longValueExact();
			if (millis > 0) {
				return millis;
			}
		}
		catch (NumberFormatException | ArithmeticException ex) {
			// reported below with the rule the value breaks
		}
		throw new InvalidSettingException("GEN_RECORD_INTERVAL", text,
				"is not a positive number of seconds with at most millisecond precision");
	}

	private static ZoneId zone(Settings settings) {
		String text = settings.get("GEN_TIMEZONE");
		try {
			return ZoneId.of(text);
		}
		catch (DateTimeException ex) {
			throw new InvalidSettingException("GEN_TIMEZONE", text, "is not a known time zone (Asia/Shanghai, UTC)");
		}
	}

}
