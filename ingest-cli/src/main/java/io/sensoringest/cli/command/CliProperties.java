package io.sensoringest.cli.command;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

import io.sensoringest.boot.CheckedProperties;
import io.sensoringest.boot.SettingErrors;
import io.sensoringest.contract.PostgresAddress;
import io.sensoringest.contract.SettingText;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The operator's own settings, beyond the producer's: bound by Spring Boot's binder from
 * the environment names that {@code ingest-cli.yml} maps (their defaults are the
 * {@code .env} values) and checked all at once before a command starts, so that a bad one
 * stops it in one line ({@link OperatorSettings}).
 *
 * @param postgres where PostgreSQL is, to count, check and report rows
 * ({@code POSTGRES_*})
 * @param producerJavaOptions JVM options of the producer processes that {@code chaos}
 * starts and of the {@code run} command that {@code bench} times
 * ({@code PRODUCER_JAVA_OPTS})
 * @param consumers the consumer processes {@code run}, {@code bench} and {@code chaos}
 * start
 * @param generate the demo data set ({@code GEN_*})
 * @param bench what {@code bench} measures with ({@code BENCH_*})
 * @param chaos what {@code chaos} runs with ({@code CHAOS_*})
 */
@ConfigurationProperties("ingest")
public record CliProperties(@NestedConfigurationProperty PostgresAddress postgres, String producerJavaOptions,
		Consumers consumers, Generate generate, Bench bench, Chaos chaos) implements CheckedProperties {

	@Override
	public void check(SettingErrors check) {
		// where PostgreSQL is, is checked by the commands that go there
		// (OperatorSettings.database): generate needs no database
		Consumers consumers = this.consumers;
		check.field("consumers.replicas", SettingText.outside(consumers.replicas, 1, 64));
		check.field("consumers.shutdownTimeout", SettingText.notPositive(consumers.shutdownTimeout));
		check.field("consumers.applyMigrations", SettingText.missing(consumers.applyMigrations));
		check.field("consumers.concurrency", SettingText.outside(consumers.concurrency, 1, 64));
		check.field("consumers.batchRows", SettingText.outside(consumers.batchRows, 1, 1_000_000));
		Generate generate = this.generate;
		check.field("generate.targetDir", SettingText.missing(generate.targetDir));
		check.field("generate.sensors", SettingText.outside(generate.sensors, 1, Integer.MAX_VALUE));
		check.field("generate.records", SettingText.outside(generate.records, 1, Long.MAX_VALUE));
		check.field("generate.startDate", unreadable(generate.startDate, Generate::startDate,
				"is not a date (2021-01-01) or a local date-time (2021-01-01T06:30:00)"));
		check.field("generate.recordInterval", unreadable(generate.recordInterval, Generate::intervalMillis,
				"is not a positive number of seconds with at most millisecond precision"));
		check.field("generate.timezone",
				unreadable(generate.timezone, Generate::zone, "is not a known time zone (Asia/Shanghai, UTC)"));
		check.field("generate.seed", SettingText.missing(generate.seed));
		Bench bench = this.bench;
		check.field("bench.runs", SettingText.outside(bench.runs, 1, 100));
		check.field("bench.sensors", SettingText.outside(bench.sensors, 1, 100_000));
		check.field("bench.records", SettingText.outside(bench.records, 1, 10_000_000));
		check.field("bench.sweepSensors", SettingText.outside(bench.sweepSensors, 1, 100_000));
		check.field("bench.sweepRecords", SettingText.outside(bench.sweepRecords, 1, 10_000_000));
		check.field("bench.dir", SettingText.missing(bench.dir));
		check.field("bench.growthRows", SettingText.outside(bench.growthRows, 0, 1_000_000_000));
		check.field("bench.partitionInterval", SettingText.notPositive(bench.partitionInterval));
		Chaos chaos = this.chaos;
		check.field("chaos.sensors", SettingText.outside(chaos.sensors, 1, 100_000));
		check.field("chaos.records", SettingText.outside(chaos.records, 1, 10_000_000));
		check.field("chaos.consumers", SettingText.outside(chaos.consumers, 1, 32));
		check.field("chaos.faults", unreadable(chaos.faults, Fault::parse, null));
		check.field("chaos.seed", unreadable(chaos.seed, Chaos::seed, "must be a whole number or random"));
		check.field("chaos.dir", SettingText.missing(chaos.dir));
		check.field("chaos.rabbitmqRestart", SettingText.unset(chaos.rabbitmqRestart));
		check.field("chaos.postgresRestart", SettingText.unset(chaos.postgresRestart));
		check.field("chaos.deadline", SettingText.notPositive(chaos.deadline));
	}

	/**
	 * Returns what is wrong with a text that must be set and that the given code must be
	 * able to read: the problem given, or the exception's own words; {@code null} when it
	 * reads.
	 */
	private static String unreadable(String text, Function<String, ?> reading, String problem) {
		if (SettingText.blankToNull(text) == null) {
			return SettingText.unset(text);
		}
		try {
			reading.apply(text.strip());
			return null;
		}
		catch (RuntimeException ex) {
			return (problem != null) ? problem : ex.getMessage();
		}
	}

	/** Returns the JVM options of the producer processes, one per word. */
	public List<String> producerJavaOptionList() {
		return words(this.producerJavaOptions);
	}

	/** Returns words separated by blanks, such as JVM options; none when blank. */
	static List<String> words(String text) {
		String words = SettingText.blankToNull(text);
		return (words != null) ? List.of(words.split("\\s+")) : List.of();
	}

	/**
	 * The consumer processes that {@code run}, {@code bench} and {@code chaos} start.
	 *
	 * @param replicas how many {@code run} starts ({@code CONSUMER_REPLICAS})
	 * @param javaOptions JVM options for each ({@code CONSUMER_JAVA_OPTS})
	 * @param shutdownTimeout how long each may take to stop
	 * ({@code CONSUMER_SHUTDOWN_TIMEOUT})
	 * @param applyMigrations whether the consumers apply the migrations as they start
	 * ({@code CONSUMER_APPLY_MIGRATIONS}); if not, {@code run} applies them first
	 * @param concurrency workers in each, as {@code bench} reports it
	 * ({@code CONSUMER_CONCURRENCY})
	 * @param batchRows rows per transaction, as {@code bench} reports it
	 * ({@code POSTGRES_BATCH_UPSERT_SIZE})
	 */
	public record Consumers(Integer replicas, String javaOptions, Duration shutdownTimeout, Boolean applyMigrations,
			Integer concurrency, Integer batchRows) {

		/** Returns the JVM options, one per word. */
		public List<String> javaOptionList() {
			return words(this.javaOptions);
		}

	}

	/**
	 * The demo data set that {@code generate} writes.
	 *
	 * @param targetDir where the files go ({@code TARGET_FILE_DIR})
	 * @param sensors how many sensors, one file each ({@code GEN_NUM_SENSORS})
	 * @param records rows per file ({@code GEN_NUM_RECORDS})
	 * @param startDate the first reading's local date or date-time
	 * ({@code GEN_START_DATE})
	 * @param recordInterval seconds between a sensor's readings, to the millisecond
	 * ({@code GEN_RECORD_INTERVAL})
	 * @param timezone the zone whose offsets the times carry ({@code GEN_TIMEZONE})
	 * @param seed the random seed: the same settings and seed give the same bytes
	 * ({@code GEN_SEED})
	 */
	public record Generate(Path targetDir, Integer sensors, Long records, String startDate, String recordInterval,
			String timezone, Long seed) {

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

	/**
	 * What {@code bench} measures with.
	 *
	 * @param runs repeats, whose medians are reported ({@code BENCH_RUNS})
	 * @param sensors files of the data set ({@code BENCH_SENSORS})
	 * @param records rows per file ({@code BENCH_RECORDS})
	 * @param sweepSensors files of the sweep's smaller data set
	 * ({@code BENCH_SWEEP_SENSORS})
	 * @param sweepRecords rows per file of the sweep's data set
	 * ({@code BENCH_SWEEP_RECORDS})
	 * @param dir where data sets and state go ({@code BENCH_DIR})
	 * @param growthRows earlier rows of the same sensors that the table holds for the
	 * growth figures ({@code BENCH_GROWTH_ROWS}; 0: none measured)
	 * @param partitionInterval the span of a partition of {@code records}, for the loads
	 * that make their own ({@code RECORDS_PARTITION_INTERVAL})
	 */
	public record Bench(Integer runs, Integer sensors, Integer records, Integer sweepSensors, Integer sweepRecords,
			Path dir, Long growthRows, Duration partitionInterval) {

	}

	/**
	 * What {@code chaos} runs with.
	 *
	 * @param sensors files of the data set ({@code CHAOS_SENSORS})
	 * @param records rows per file ({@code CHAOS_RECORDS})
	 * @param consumers consumer processes ({@code CHAOS_CONSUMERS})
	 * @param faults the faults, in any order, separated by commas ({@code CHAOS_FAULTS})
	 * @param seed what draws the moments of the faults; {@code random} draws one and
	 * prints it ({@code CHAOS_SEED})
	 * @param dir where the data set, the producer's state and the logs go
	 * ({@code CHAOS_DIR})
	 * @param rabbitmqRestart shell command that restarts RabbitMQ
	 * ({@code CHAOS_RABBITMQ_RESTART})
	 * @param postgresRestart shell command that restarts PostgreSQL
	 * ({@code CHAOS_POSTGRES_RESTART})
	 * @param deadline how long the pipeline may take to store everything
	 * ({@code CHAOS_DEADLINE})
	 */
	public record Chaos(Integer sensors, Integer records, Integer consumers, String faults, String seed, Path dir,
			String rabbitmqRestart, String postgresRestart, Duration deadline) {

		/**
		 * Reads a seed: a whole number, or {@code null} for {@code random}.
		 * @throws NumberFormatException when it is neither
		 */
		public static Long seed(String text) {
			return text.strip().equals("random") ? null : Long.valueOf(text.strip());
		}

	}

}
