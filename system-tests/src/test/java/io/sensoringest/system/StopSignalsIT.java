package io.sensoringest.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * What DESIGN promises of SIGTERM, for the commands that do not watch: they stop taking
 * work, finish and confirm what they hold, stop what they started and exit 0, and the
 * next run goes on from there; and a command killed outright leaves no process it started
 * behind.
 */
class StopSignalsIT {

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("signals");

	private TestDatabase database;

	@BeforeEach
	void createDatabase() {
		this.database = TestServers.postgres().createDatabase("signals");
	}

	@AfterEach
	void dropAll() throws Exception {
		TestServers.rabbit().deleteTopology(this.queue);
		TestServers.rabbit().deleteTopology(this.queue + "-chaos");
		this.database.close();
	}

	@Test
	void aProducerStoppedWithSigtermConfirmsWhatItSentExitsZeroAndTheNextRunSendsTheRestOnce() throws Exception {
		Path input = FaultRun.writeFiles(this.dir.resolve("input"));
		Path log = this.dir.resolve("producer.log");
		Process producer = AppProcess.of("producer-app")
			.servers(this.database, this.queue)
			.set("TARGET_FILE_DIR", input.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.set("PRODUCER_BATCH_ROWS", "100")
			.set("PRODUCER_CONFIRM_WINDOW", "1")
			.start(log, new String[0]);
		await().atMost(Duration.ofMinutes(2))
			.failFast("the producer ended first: " + AppProcess.read(log), () -> !producer.isAlive())
			.until(() -> messagesReady() >= 100);

		producer.destroy();

		assertThat(producer.waitFor(60, TimeUnit.SECONDS)).as(() -> AppProcess.read(log)).isTrue();
		assertThat(producer.exitValue()).as(AppProcess.read(log)).isZero();
		assertThat(AppProcess.read(log)).contains("stopping: the chunks in flight are confirmed and checkpointed first")
			.containsPattern("stopped as asked: [\\d,]+ files? not finished, each resumes from its checkpoint")
			.doesNotContainPattern("\\tat [a-z]");
		java.util.regex.Matcher summary = java.util.regex.Pattern.compile("([\\d,]+) rows published")
			.matcher(AppProcess.read(log));
		assertThat(summary.find()).isTrue();
		long sent = Long.parseLong(summary.group(1).replace(",", ""));
		assertThat(sent).isBetween(100L * 100, FaultRun.ROWS - 1L);

		FaultRun rest = FaultRun.start(AppProcess.of("ingest-cli").servers(this.database, this.queue), this.database,
				input, this.dir);
		AppProcess.Finished finished = rest.awaitEnd();
		assertThat(finished.exit()).as(finished.output()).isZero();
		assertThat(finished.output())
			.contains(String.format("%,d published, %,d stored, 0 rejected", FaultRun.ROWS - sent, FaultRun.ROWS));
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(Rows.readFiles(input)));
		assertThat(Rows.inLedger(this.database)).as("every row was sent once").isEqualTo(FaultRun.ROWS);
	}

	@Test
	void makeRunStoppedWithSigtermStopsItsConsumersCleanlyAndExitsZero() throws Exception {
		Path input = FaultRun.writeFiles(this.dir.resolve("input"));
		FaultRun run = FaultRun.start(AppProcess.of("ingest-cli").servers(this.database, this.queue), this.database,
				input, this.dir);
		List<ProcessHandle> consumers = new ArrayList<>();
		run.strikeAfter(FaultRun.ROWS / 10, () -> {
			consumers.addAll(run.children());
			run.terminate();
		});

		AppProcess.Finished finished = run.awaitEnd();

		assertThat(finished.exit()).as(finished.output()).isZero();
		assertThat(finished.output()).contains("SIGTERM: stopping")
			.containsPattern("stopped as asked: not every row is stored: [\\d,]+ of [\\d,]+ published rows are missing")
			.doesNotContain("ERROR")
			.doesNotContainPattern("\\tat [a-z]");
		assertThat(consumers).hasSize(2).noneMatch(ProcessHandle::isAlive);
		assertThat(Rows.count(this.database)).isBetween((long) FaultRun.ROWS / 10, (long) FaultRun.ROWS);
	}

	@Test
	void chaosKilledOutrightLeavesNeitherItsProducerNorItsConsumersBehind() throws Exception {
		Path log = this.dir.resolve("chaos.log");
		Process chaos = AppProcess.of("ingest-cli")
			.servers(this.database, this.queue)
			.set("CHAOS_SENSORS", "30")
			.set("CHAOS_RECORDS", "10000")
			.set("PRODUCER_BATCH_ROWS", "100")
			.set("PRODUCER_CONFIRM_WINDOW", "1")
			.set("CHAOS_CONSUMERS", "2")
			.set("CHAOS_FAULTS", "kill-consumer")
			.set("CHAOS_DIR", this.dir.resolve("chaos").toString())
			.start(log, "chaos", "--producer-jar=" + AppProcess.jarPath("producer-app"),
					"--consumer-jar=" + AppProcess.jarPath("consumer-app"));
		List<ProcessHandle> started = new ArrayList<>();
		await().atMost(Duration.ofMinutes(3))
			.failFast("chaos ended first: " + AppProcess.read(log), () -> !chaos.isAlive())
			.until(() -> {
				started.clear();
				chaos.toHandle().children().forEach(started::add);
				return started.stream().anyMatch(StopSignalsIT::isProducer) && started.size() >= 3;
			});

		chaos.destroyForcibly();

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(started).as("the producer and the consumers chaos started")
				.noneMatch(ProcessHandle::isAlive));
		assertThat(AppProcess.read(log)).doesNotContainPattern("\\tat [a-z]");
		assertThat(Files.readString(this.dir.resolve("chaos").resolve("logs").resolve("producer-0.log")))
			.containsPattern("the process that started this one.* is gone: stopping");
	}

	private static boolean isProducer(ProcessHandle process) {
		return process.info()
			.arguments()
			.map((arguments) -> String.join(" ", arguments).contains("producer-app.jar"))
			.orElse(false);
	}

	private long messagesReady() throws Exception {
		try (com.rabbitmq.client.Connection connection = TestServers.rabbit().connectionFactory().newConnection()) {
			return connection.createChannel().messageCount(this.queue);
		}
		catch (java.io.IOException ex) {
			return 0;
		}
	}

}
