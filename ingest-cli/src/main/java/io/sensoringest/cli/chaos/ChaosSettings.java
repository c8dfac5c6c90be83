package io.sensoringest.cli.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.Settings;

/**
 * What {@code make chaos} runs with.
 *
 * @param sensors files of the data set ({@code CHAOS_SENSORS})
 * @param records rows per file ({@code CHAOS_RECORDS})
 * @param consumers consumer processes ({@code CHAOS_CONSUMERS})
 * @param faults the faults, in any order ({@code CHAOS_FAULTS})
 * @param seed what draws the moments of the faults ({@code CHAOS_SEED}; {@code random}
 * draws one and prints it)
 * @param dir where the data set, the producer's state and the logs go ({@code CHAOS_DIR})
 * @param restartRabbitmq shell command that restarts RabbitMQ
 * ({@code CHAOS_RABBITMQ_RESTART})
 * @param restartPostgres shell command that restarts PostgreSQL
 * ({@code CHAOS_POSTGRES_RESTART})
 * @param deadline how long the pipeline may take to store everything
 * ({@code CHAOS_DEADLINE})
 * @param producerJavaOptions JVM options of the producer processes
 * ({@code PRODUCER_JAVA_OPTS})
 */
public record ChaosSettings(int sensors, int records, int consumers, List<Fault> faults, long seed, Path dir,
		String restartRabbitmq, String restartPostgres, Duration deadline, List<String> producerJavaOptions) {

	/** Reads the settings. */
	public static ChaosSettings from(Settings settings) {
		return new ChaosSettings(settings.integer("CHAOS_SENSORS", 1, 100_000),
				settings.integer("CHAOS_RECORDS", 1, 10_000_000), settings.integer("CHAOS_CONSUMERS", 1, 32),
				Fault.parse("CHAOS_FAULTS", settings.get("CHAOS_FAULTS")), seed(settings),
				Path.of(settings.get("CHAOS_DIR")), settings.get("CHAOS_RABBITMQ_RESTART"),
				settings.get("CHAOS_POSTGRES_RESTART"), settings.duration("CHAOS_DEADLINE"),
				settings.words("PRODUCER_JAVA_OPTS"));
	}

	/** Returns the rows of the data set. */
	long rows() {
		return (long) this.sensors * this.records;
	}

	private static long seed(Settings settings) {
		String text = settings.get("CHAOS_SEED");
		if (text.equals("random")) {
			return ThreadLocalRandom.current().nextLong(1, 1_000_000);
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new InvalidSettingException("CHAOS_SEED", text, "must be a whole number or random");
		}
	}

}
