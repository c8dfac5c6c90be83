package io.sensoringest.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
 * {@code make run} supervises its consumers: one killed while rows flow is started again
 * and the run, every row stored, exits 0; one that cannot start at all is given up on
 * after a few tries, with the end of its log, and the run says which rows are missing and
 * exits 1 instead of waiting for ever.
 */
class SupervisedRunIT {

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("supervised");

	private TestDatabase database;

	@BeforeEach
	void createDatabase() {
		this.database = TestServers.postgres().createDatabase("supervised");
	}

	@AfterEach
	void dropAll() throws Exception {
		TestServers.rabbit().deleteTopology(this.queue);
		this.database.close();
	}

	@Test
	void aConsumerKilledWhileRowsFlowIsStartedAgainAndTheRunThatStoredEveryRowExitsZero() throws Exception {
		Path input = FaultRun.writeFiles(this.dir.resolve("input"));
		FaultRun run = FaultRun.start(AppProcess.of("ingest-cli").servers(this.database, this.queue), this.database,
				input, this.dir);
		List<ProcessHandle> consumers = new ArrayList<>();
		run.strikeAfter(FaultRun.ROWS / 10, () -> {
			consumers.addAll(run.children());
			assertThat(consumers).as("the run's two consumers").hasSize(2);
			consumers.get(0).destroyForcibly();
		});
		await().atMost(Duration.ofMinutes(1))
			.until(() -> run.children().stream().anyMatch((child) -> !consumers.contains(child)));
		consumers.addAll(run.children());

		String output = run.awaitSuccess();

		assertThat(output)
			.containsPattern(
					"WARN .*consumer \\d exited 137 \\(killed: SIGKILL, or the system out of memory\\) after \\d+ s: "
							+ "starting it again in \\d+ s")
			.doesNotContain("ERROR");
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(Rows.readFiles(input)));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(consumers).as("no consumer outlives the run").noneMatch(ProcessHandle::isAlive));
	}

	@Test
	void aConsumerThatDiesAsItStartsIsGivenUpOnWithItsLogAndTheRunSaysWhatIsMissing() throws Exception {
		Path input = Files.createDirectories(this.dir.resolve("input"));
		Files.writeString(input.resolve("a.csv"),
				"record_time,sensor_id,value\n2021-01-01T00:00:00Z,s,1.0\n2021-01-01T00:00:01Z,s,2.0\n");
		Path log = this.dir.resolve("run.log");
		AppProcess.Finished run = AppProcess.of("ingest-cli")
			.servers(this.database, this.queue)
			.set("TARGET_FILE_DIR", input.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.set("CONSUMER_REPLICAS", "1")
			.set("CONSUMER_MAX_BATCH_WAIT", "banana")
			.run(log, Duration.ofMinutes(3), "run", "--consumer-jar=" + AppProcess.jarPath("consumer-app"));

		assertThat(run.exit()).as(run.output()).isEqualTo(1);
		assertThat(run.output()).contains("consumer 0 exited 2 3 times within 10 s of its start: not starting it again")
			.contains("CONSUMER_MAX_BATCH_WAIT")
			.contains("run: 2 rows in valid input, 2 published, 0 stored")
			.contains("not every row is stored: 2 of 2 published rows are missing: 1 messages left in the queue")
			.doesNotContainPattern("\\tat [a-z]");
	}

}
