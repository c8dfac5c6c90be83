package io.sensoringest.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.sensoringest.cli.command.CliProperties;
import io.sensoringest.cli.command.CliProperties.Bench;

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
 * @param growthRows earlier rows the table holds for the growth figures
 * ({@code BENCH_GROWTH_ROWS}; 0: none)
 * @param partitionInterval the span of a partition that a load makes
 * ({@code RECORDS_PARTITION_INTERVAL})
 */
public record BenchSettings(int runs, int sensors, int records, int sweepSensors, int sweepRecords, Path dir,
		int upsertRows, int concurrency, List<String> runJavaOptions, long growthRows, Duration partitionInterval) {

	/** Takes the settings from the operator's, once they have been checked. */
	public static BenchSettings from(CliProperties cli) {
		Bench bench = cli.bench();
		return new BenchSettings(bench.runs(), bench.sensors(), bench.records(), bench.sweepSensors(),
				bench.sweepRecords(), bench.dir(), cli.consumers().batchRows(), cli.consumers().concurrency(),
				cli.producerJavaOptionList(), bench.growthRows(), bench.partitionInterval());
	}

}
