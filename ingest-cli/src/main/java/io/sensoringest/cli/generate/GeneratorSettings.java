package io.sensoringest.cli.generate;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;

import io.sensoringest.cli.command.CliProperties.Generate;

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
	public static GeneratorSettings from(Generate settings) {
		return new GeneratorSettings(settings.targetDir(), settings.sensors(), settings.records(),
				Generate.startDate(settings.startDate()), Generate.intervalMillis(settings.recordInterval()),
				Generate.zone(settings.timezone()), settings.seed());
	}

	/** Returns the number of rows all files hold together. */
	public long totalRows() {
		return sensors * recordsPerSensor;
	}

}
