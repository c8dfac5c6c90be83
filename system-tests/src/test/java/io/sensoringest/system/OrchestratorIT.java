package io.sensoringest.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import static org.awaitility.Awaitility.await;

/**
 * {@code ingest run}, the orchestrator behind {@code make run}, as a process: it waits
 * out a broker and a database restart while the queue drains, and whatever ends it, no
 * consumer it started outlives it. A lock on {@code records} holds the consumers' first
 * transaction, so that the faults strike while the run waits for the last row.
 */
class OrchestratorIT {

	private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-01-01T00:00:00Z");

	private static final int FILES = 10;

	private static final int ROWS_PER_FILE = 2000;

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("orchestrator");

	private TestDatabase database;

	private Path input;

	private Connection lock;

	@BeforeEach
	void setUp() throws Exception {
		this.database = TestServers.postgres().createDatabase("orchestrator");
		this.input = Files.createDirectories(this.dir.resolve("records"));
		for (int file = 0; file < FILES; file++) {
			StringBuilder text = new StringBuilder("record_time,sensor_id,value\n");
			for (int i = 0; i < ROWS_PER_FILE; i++) {
				text.append(T0.plusSeconds(i)).append(",s").append(file).append(',').append(i).append('\n');
			}
			Files.writeString(this.input.resolve("s" + file + ".csv"), text);
		}
		AppProcess.Finished migrated = AppProcess.of("consumer-app")
			.servers(this.database, this.queue)
			.run(this.dir.resolve("migrate.log"), Duration.ofMinutes(2), "migrate");
		assertThat(migrated.exit()).as(migrated.output()).isZero();
		this.lock = this.database.server().connect(this.database.name());
		this.lock.setAutoCommit(false);
		try (Statement sql = this.lock.createStatement()) {
			sql.execute("LOCK TABLE records IN SHARE MODE");
		}
	}

	@AfterEach
	void tearDown() throws Exception {
		releaseLock();
		TestServers.rabbit().deleteTopology(this.queue);
		this.database.close();
	}

	@Test
	void aBrokerAndADatabaseRestartWhileTheQueueDrainsAreWaitedOut() throws Exception {
		Path log = this.dir.resolve("run.log");
		Process run = ingestRun(log);
		awaitEverythingPublished(run, log);

		TestServers.restartRabbit();
		TestServers.postgresDown(this.database);
		TestServers.postgresUp(this.database);

		assertThat(run.waitFor(3, TimeUnit.MINUTES)).as(() -> AppProcess.read(log)).isTrue();
		String output = AppProcess.read(log);
		assertThat(run.exitValue()).as(output).isZero();
		assertThat(output).contains("RabbitMQ at", "does not answer", "answers again")
			.contains(String.format("run: %,d rows in valid input, %,d published, %,d stored, 0 rejected;",
					FILES * ROWS_PER_FILE, FILES * ROWS_PER_FILE, FILES * ROWS_PER_FILE))
			.doesNotContain("Exception")
			.doesNotContainPattern("\\tat [a-z]");
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(Rows.readFiles(this.input)));
		assertThat(processesOfThisTest()).as("processes left behind").isEmpty();
	}

	@Test
	void consumersStopWhenTheRunIsKilledOutright() throws Exception {
		Path log = this.dir.resolve("run.log");
		Process run = ingestRun(log);
		awaitEverythingPublished(run, log);
		assertThat(processesOfThisTest()).as("the run and its consumer").hasSize(2);

		run.destroyForcibly().waitFor();
		releaseLock();

		await().atMost(Duration.ofSeconds(30)).until(() -> processesOfThisTest().isEmpty());
		String consumerLog = AppProcess.read(this.dir.resolve("state").resolve("logs").resolve("consumer-0.log"));
		assertThat(consumerLog).contains("is gone: stopping (CONSUMER_EXIT_WITH_PARENT)");
	}

	@Test
	void sigtermStopsTheRunAndItsConsumersBeforeItExits() throws Exception {
		Path log = this.dir.resolve("run.log");
		Process run = ingestRun(log);
		awaitEverythingPublished(run, log);
		releaseLock();

		run.destroy();

		assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(processesOfThisTest()).as("processes left behind").isEmpty();
	}

	private Process ingestRun(Path log) throws IOException {
		return AppProcess.of("ingest-cli")
			.servers(this.database, this.queue)
			.set("TARGET_FILE_DIR", this.input.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.set("PRODUCER_BATCH_ROWS", "500")
			.set("CONSUMER_REPLICAS", "1")
			.set("CONSUMER_CONCURRENCY", "1")
			.set("CONSUMER_SHUTDOWN_TIMEOUT", "5s")
			.start(log, "run", "--consumer-jar=" + AppProcess.jarPath("consumer-app"));
	}

	/** The producer is done; the consumer's first transaction waits for the lock. */
	private static void awaitEverythingPublished(Process run, Path log) {
		await().atMost(Duration.ofMinutes(2))
			.until(() -> !run.isAlive() || AppProcess.read(log).contains("producer: "));
		assertThat(run.isAlive()).as(() -> AppProcess.read(log)).isTrue();
	}

	private void releaseLock() throws SQLException {
		if (this.lock != null) {
			this.lock.close();
			this.lock = null;
		}
	}

	/** The processes that carry this test's queue name in their environment. */
	private List<Long> processesOfThisTest() {
		String wanted = "RABBITMQ_QUEUE_NAME=" + this.queue + "\0";
		List<Long> found = new ArrayList<>();
		ProcessHandle.allProcesses().filter(ProcessHandle::isAlive).forEach((process) -> {
			try {
				byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
				if (new String(environ, StandardCharsets.ISO_8859_1).contains(wanted)) {
					found.add(process.pid());
				}
			}
			catch (IOException ex) {
				// gone meanwhile, or another user's
			}
		});
		return found;
	}

}
