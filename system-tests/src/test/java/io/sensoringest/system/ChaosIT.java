package io.sensoringest.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.sensoringest.contract.SensorRecord;
import io.sensoringest.testing.AppProcess;
import io.sensoringest.testing.RabbitServer;
import io.sensoringest.testing.Rows;
import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make chaos} in its small form, as CI runs it: 300,000 rows through a killed
 * consumer, a RabbitMQ restart, a PostgreSQL restart and a killed producer. The command
 * proves the table equal to the files with {@code psql \copy} and {@code EXCEPT}; this
 * test reads the files and the table once more on its own.
 */
class ChaosIT {

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("chaos");

	private TestDatabase database;

	@BeforeEach
	void createDatabase() {
		this.database = TestServers.postgres().createDatabase("chaos");
	}

	@AfterEach
	void dropAll() throws Exception {
		TestServers.rabbit().deleteTopology(this.queue + "-chaos");
		this.database.close();
	}

	@Test
	void faultRunEndsWithTheTableEqualToTheFilesAndSaysWhatItDid() throws Exception {
		Path log = this.dir.resolve("chaos.log");
		Path chaosDir = this.dir.resolve("chaos");
		Process chaos = AppProcess.of("ingest-cli")
			.servers(this.database, this.queue)
			.set("CHAOS_SENSORS", "30")
			.set("CHAOS_RECORDS", "10000")
			// smaller messages: more of them in flight when a fault strikes
			.set("PRODUCER_BATCH_ROWS", "1000")
			.set("CHAOS_CONSUMERS", "2")
			.set("CHAOS_FAULTS", "kill-consumer,restart-rabbitmq,restart-postgres,kill-producer")
			.set("CHAOS_DIR", chaosDir.toString())
			.set("CHAOS_RABBITMQ_RESTART", TestServers.rabbitRestartCommand())
			.set("CHAOS_POSTGRES_RESTART", TestServers.postgresRestartCommand())
			.set("CHAOS_DEADLINE", "5m")
			.start(log, "chaos", "--producer-jar=" + AppProcess.jarPath("producer-app"),
					"--consumer-jar=" + AppProcess.jarPath("consumer-app"));

		assertThat(chaos.waitFor(8, TimeUnit.MINUTES)).as(() -> AppProcess.read(log)).isTrue();
		assertThat(chaos.exitValue()).as(() -> AppProcess.read(log) + processLogs(chaosDir.resolve("logs"))).isZero();
		assertThat(AppProcess.read(log))
			.containsPattern("kill-consumer at \\d+% stored; now \\d+% confirmed, \\d+% stored: kill -9 consumer \\d+")
			.containsPattern("restart-rabbitmq at \\d+% stored; now .*: restarted RabbitMQ")
			.containsPattern("restart-postgres at \\d+% stored; now .*: restarted PostgreSQL")
			.containsPattern("kill-producer at \\d+% confirmed; now .*: (kill -9 producer|the producer had finished)")
			.contains("chaos: files:   300,000 rows", "chaos: records: 300,000 rows",
					"rows of the files missing from records: 0; rows in records not in the files: 0", "chaos: PASS");
		List<SensorRecord> expected = Rows.readFiles(chaosDir.resolve("data-30x10000"));
		assertThat(expected).hasSize(300_000);
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(expected));
	}

	/**
	 * What the consumers and the producers said that was not routine (warnings, errors, a
	 * poll worker's outages), and how each ended: their logs go with the test's temporary
	 * folder.
	 */
	private static String processLogs(Path logs) {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.list(logs)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".log")).sorted().toList()) {
				List<String> lines = Files.readAllLines(file);
				text.append(System.lineSeparator()).append("--- ").append(file.getFileName()).append(':');
				lines.stream()
					.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("worker-"))
					.limit(40)
					.forEach((line) -> text.append(System.lineSeparator()).append(line));
				text.append(System.lineSeparator()).append("... ends:");
				lines.subList(Math.max(0, lines.size() - 5), lines.size())
					.forEach((line) -> text.append(System.lineSeparator()).append(line));
			}
		}
		catch (IOException ex) {
			text.append(System.lineSeparator()).append("(").append(logs).append(" not read: ").append(ex).append(")");
		}
		return text.toString();
	}

}
