package io.sensoringest.cli.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.sensoringest.cli.command.CliProperties;
import io.sensoringest.cli.command.CliProperties.Chaos;
import io.sensoringest.cli.command.Fault;

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

	/**
	 * Takes the settings from the operator's, once they have been checked; a
	 * {@code random} seed is drawn here.
	 */
	public static ChaosSettings from(CliProperties cli) {
		Chaos chaos = cli.chaos();
		Long seed = Chaos.seed(chaos.seed());
		return new ChaosSettings(chaos.sensors(), chaos.records(), chaos.consumers(), Fault.parse(chaos.faults()),
				(seed != null) ? seed : ThreadLocalRandom.current().nextLong(1, 1_000_000), chaos.dir(),
				chaos.rabbitmqRestart(), chaos.postgresRestart(), chaos.deadline(), cli.producerJavaOptionList());
	}

	/** Returns the rows of the data set. */
	long rows() {
		return (long) this.sensors * this.records;
	}

}
