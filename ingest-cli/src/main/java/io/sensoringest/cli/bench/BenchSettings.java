package io.sensoringest.cli.bench;

import java.nio.file.Path;
import java.util.List;

import io.sensoringest.contract.Settings;

/**
 * What {@code make bench} measures with.
 *
 * @param runs repeats, whose medians are reported ({@code BENCH_RUNS})
 * @param sensors files of the data set ({@code BENCH_SENSORS})
 * @param records rows per file ({@code BENCH_RECORDS})
 * @param sweepSensors files of the sweep's smaller data set ({@code BENCH_SWEEP_SENSORS})
 * @param sweepRecords rows per file of the sweep's data set ({@code BENCH_SWEEP_RECORDS})
 * @param dir where data sets and state go ({@code BENCH_DIR})
 * @param upsertRows the consumers' {@code POSTGRES_BATCH_UPSERT_SIZE}
 * @param concurrency the consumers' {@code CONSUMER_CONCURRENCY}
 * @param runJavaOptions JVM options of the run command, as make gives them
 * ({@code PRODUCER_JAVA_OPTS})
 */
public record BenchSettings(int runs, int sensors, int records, int sweepSensors, int sweepRecords, Path dir,
		int upsertRows, int concurrency, List<String> runJavaOptions) {

	/** Reads the settings. */
	public static BenchSettings from(Settings settings) {
		return new BenchSettings(settings.integer("BENCH_RUNS", 1, 100), settings.integer("BENCH_SENSORS", 1, 100_000),
				settings.integer("BENCH_RECORDS", 1, 10_000_000), settings.integer("BENCH_SWEEP_SENSORS", 1, 100_000),
				settings.integer("BENCH_SWEEP_RECORDS", 1, 10_000_000), Path.of(settings.get("BENCH_DIR")),
				settings.integer("POSTGRES_BATCH_UPSERT_SIZE", 1, 1_000_000),
				settings.integer("CONSUMER_CONCURRENCY", 1, 64), settings.words("PRODUCER_JAVA_OPTS"));
	}

}
