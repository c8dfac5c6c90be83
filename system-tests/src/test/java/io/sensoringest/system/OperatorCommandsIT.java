package io.sensoringest.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.Envelope;
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
 * The operator's commands as real processes against real servers: {@code status} through
 * a file's life (stored, edited, waiting in the queue, purged from it), and
 * {@code dlq-show} / {@code dlq-replay} taking a dead-lettered message into the table
 * once its cause is fixed.
 */
class OperatorCommandsIT {

	private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-01-01T00:00:00Z");

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("operator");

	private TestDatabase database;

	private Path input;

	private int runs;

	@BeforeEach
	void setUp() throws IOException {
		this.database = TestServers.postgres().createDatabase("operator");
		this.input = Files.createDirectories(this.dir.resolve("records"));
	}

	@AfterEach
	void tearDown() throws Exception {
		TestServers.rabbit().deleteTopology(this.queue);
		this.database.close();
	}

	@Test
	void statusFollowsFilesFromStoredToEditedToWaitingToPurged() throws Exception {
		write("a.csv", 0, 4);
		write("b.csv", 10, 4);
		write("c.csv", 20, 4);
		AppProcess.Finished run = ingest("run", "--consumer-jar=" + AppProcess.jarPath("consumer-app"));
		assertThat(run.exit()).as(run.output()).isZero();

		AppProcess.Finished stored = ingest("status");
		assertThat(stored.exit()).as(stored.output()).isZero();
		assertThat(stored.output()).containsPattern("a\\.csv +4 +4 +4 +0 +done")
			.contains("3 files: 3 done; rows: 12 valid, 12 confirmed, 12 stored, 0 rejected")
			.contains("every valid row of every file is stored");

		append("a.csv", 4, 1);
		AppProcess.Finished edited = ingest("status");
		assertThat(edited.exit()).isEqualTo(1);
		assertThat(edited.output()).containsPattern("a\\.csv +5 +4 +4 +0 +changed since published")
			.containsPattern("b\\.csv .* done");

		assertThat(producer().exit()).isZero();
		AppProcess.Finished waiting = ingest("status");
		assertThat(waiting.exit()).isEqualTo(1);
		assertThat(waiting.output()).containsPattern("a\\.csv +5 +5 +0 +0 +in flight")
			.contains("queue " + this.queue + ": 5 messages ready");

		try (com.rabbitmq.client.Connection connection = TestServers.rabbit().connectionFactory().newConnection()) {
			Channel channel = connection.createChannel();
			channel.queuePurge(this.queue);
		}
		AppProcess.Finished purged = ingest("status");
		assertThat(purged.exit()).isEqualTo(1);
		assertThat(purged.output()).containsPattern("a\\.csv +5 +5 +0 +0 +incomplete")
			.contains("not every valid row is stored: 1 incomplete");
	}

	@Test
	void deadLetterIsShownLeftInPlaceAndReplayedIntoTheTableOnceTheCauseIsFixed() throws Exception {
		assertThat(consumer("migrate").exit()).isZero();
		this.database.execute("ALTER TABLE records ADD CONSTRAINT no_negative_values CHECK (value >= 0)");
		write("good.csv", 0, 3);
		Files.writeString(this.input.resolve("bad.csv"), "record_time,sensor_id,value\n" + T0 + ",s,1.0\n"
				+ T0.plusSeconds(1) + ",s,-1.0\n" + T0.plusSeconds(2) + ",s,2.0\n");
		assertThat(producer().exit()).isZero();

		assertThat(consumer().exit()).isZero();
		assertThat(Rows.count(this.database)).isEqualTo(5);

		AppProcess.Finished shown = ingest("dlq", "show");
		assertThat(shown.exit()).as(shown.output()).isEqualTo(1);
		assertThat(shown.output()).contains(this.queue + ".dlq holds 1 message:")
			.containsPattern("\\w+:3:1 +bad\\.csv +3 +1 +1  PostgreSQL refused it: .*no_negative_values");
		assertThat(ingest("dlq", "show").output()).as("dlq-show leaves the message in place")
			.contains(this.queue + ".dlq holds 1 message:");
		try (com.rabbitmq.client.Connection connection = TestServers.rabbit().connectionFactory().newConnection()) {
			GetResponse deadLetter = connection.createChannel().basicGet(this.queue + ".dlq", false);
			Object returns = deadLetter.getProps().getHeaders().getOrDefault("x-delivery-count", 0L);
			assertThat(((Number) returns).longValue())
				.as("dlq-show never gives a dead letter back unacked: a quorum queue counts that as a delivery "
						+ "and drops the message past its delivery limit")
				.isZero();
		}
		AppProcess.Finished status = ingest("status");
		assertThat(status.exit()).isEqualTo(1);
		assertThat(status.output()).containsPattern("bad\\.csv +3 +3 +2 +0 +incomplete")
			.contains("dead-letter queue " + this.queue + ".dlq: 1 message")
			.contains("make dlq-show lists the dead letters");

		this.database.execute("ALTER TABLE records DROP CONSTRAINT no_negative_values");
		AppProcess.Finished replayed = ingest("dlq", "replay");
		assertThat(replayed.exit()).isZero();
		assertThat(replayed.output()).contains("moved 1 message from " + this.queue + ".dlq back to " + this.queue);
		assertThat(consumer().exit()).isZero();

		assertThat(Rows.inTable(this.database))
			.containsAll(Rows.of(List.of(new SensorRecord(T0.plusSeconds(1), "s", -1.0))))
			.hasSize(6);
		assertThat(ingest("dlq", "show").exit()).isZero();
		assertThat(ingest("status").exit()).isZero();
	}

	@Test
	void aFileSentAgainInOtherChunksAfterItsCheckpointsWereLostEndsUpWholeAndCountedOnce() throws Exception {
		write("a.csv", 0, 12);
		assertThat(producerInChunksOf(2).exit()).isZero();
		try (com.rabbitmq.client.Connection connection = TestServers.rabbit().connectionFactory().newConnection()) {
			Channel channel = connection.createChannel();
			GetResponse first = channel.basicGet(this.queue, true);
			assertThat(first.getProps().getMessageId()).endsWith(":2:2");
			channel.queuePurge(this.queue);
			channel.confirmSelect();
			channel.basicPublish("", this.queue, first.getProps(), first.getBody());
			channel.waitForConfirmsOrDie(30_000);
		}
		assertThat(consumer().exit()).isZero();
		assertThat(Rows.count(this.database)).as("only the first chunk of two rows is stored").isEqualTo(2);
		deleteRecursively(this.dir.resolve("state"));

		assertThat(producerInChunksOf(5).exit()).as("the checkpoints are lost: the file is sent again").isZero();
		assertThat(consumer().exit()).isZero();

		assertThat(Rows.inTable(this.database))
			.as("the first chunk of five starts on the line the stored chunk of two did, and is stored whole")
			.isEqualTo(Rows.of(Rows.readFiles(this.input)));
		AppProcess.Finished status = ingest("status");
		assertThat(status.exit()).as(status.output()).isZero();
		assertThat(status.output()).as("rows the two chunks share are counted once")
			.containsPattern("a\\.csv +12 +12 +12 +0 +done");
	}

	@Test
	void smallFilesPackedTogetherAreCountedPerFileEvenWhenARestartedProducerPacksThemOtherwise() throws Exception {
		for (String name : List.of("a", "b", "c", "d", "e")) {
			write(name + ".csv", 0, 3);
		}
		write("f.csv", 0, 7);
		// in messages of 4 rows: [a 3, b 1] [b 2, c 2] [c 1, d 3] [e 3, f 1] [f 4] [f 2]
		assertThat(packedProducer(4).exit()).isZero();
		try (com.rabbitmq.client.Connection connection = TestServers.rabbit().connectionFactory().newConnection()) {
			Channel channel = connection.createChannel();
			GetResponse first = channel.basicGet(this.queue, true);
			Envelope envelope = Envelope.from(first.getProps().getMessageId(), first.getProps().getHeaders());
			assertThat(envelope.segments()).extracting(ChunkMetadata::sourceFile).containsExactly("a.csv", "b.csv");
			assertThat(first.getProps().getMessageId()).startsWith(Envelope.PACKED_PREFIX);
			// the producer dies with its checkpoints: only the first message is stored
			channel.queuePurge(this.queue);
			channel.confirmSelect();
			channel.basicPublish("", this.queue, first.getProps(), first.getBody());
			channel.waitForConfirmsOrDie(30_000);
		}
		assertThat(consumer().exit()).isZero();
		assertThat(Rows.count(this.database)).as("a's 3 rows and b's first").isEqualTo(4);
		deleteRecursively(this.dir.resolve("state"));

		// in messages of 5 rows: [a 3, b 2] [b 1, c 3, d 1] [d 2, e 3] [f 5] [f 2]
		assertThat(packedProducer(5).exit()).as("the checkpoints are lost: every file is sent again").isZero();
		assertThat(consumer().exit()).isZero();

		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(Rows.readFiles(this.input)));
		AppProcess.Finished status = ingest("status");
		assertThat(status.exit()).as(status.output()).isZero();
		assertThat(status.output()).as("b's first row came in two segments, [b 1] and [b 2]: it counts once")
			.containsPattern("b\\.csv +3 +3 +3 +0 +done")
			.containsPattern("d\\.csv +3 +3 +3 +0 +done")
			.containsPattern("f\\.csv +7 +7 +7 +0 +done")
			.contains("6 files: 6 done; rows: 22 valid, 22 confirmed, 22 stored, 0 rejected");
		assertThat(Rows.inLedger(this.database)).as("ledger entries, each segment one: b's and a's overlap")
			.isGreaterThan(22);
	}

	private AppProcess.Finished packedProducer(int batchRows) throws Exception {
		return run(AppProcess.of("producer-app")
			.set("TARGET_FILE_DIR", this.input.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.set("PRODUCER_BATCH_ROWS", String.valueOf(batchRows))
			.set("PRODUCER_PARALLELISM", "1"));
	}

	private void write(String name, int firstSecond, int rows) throws IOException {
		Files.writeString(this.input.resolve(name), "record_time,sensor_id,value\n");
		append(name, firstSecond, rows);
	}

	private void append(String name, int firstSecond, int rows) throws IOException {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < rows; i++) {
			text.append(T0.plusSeconds(firstSecond + i)).append(',').append(name).append(',').append(i).append('\n');
		}
		Files.writeString(this.input.resolve(name), text, StandardOpenOption.APPEND);
	}

	private AppProcess.Finished producer(String... arguments) throws Exception {
		return withInput("producer-app", arguments);
	}

	private AppProcess.Finished ingest(String... arguments) throws Exception {
		return withInput("ingest-cli", arguments);
	}

	private AppProcess.Finished producerInChunksOf(int batchRows) throws Exception {
		return withInput("producer-app", batchRows);
	}

	private AppProcess.Finished withInput(String module, String... arguments) throws Exception {
		return withInput(module, 1, arguments);
	}

	private AppProcess.Finished withInput(String module, int batchRows, String... arguments) throws Exception {
		return run(AppProcess.of(module)
			.set("TARGET_FILE_DIR", this.input.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.set("PRODUCER_BATCH_ROWS", String.valueOf(batchRows))
			.set("CONSUMER_REPLICAS", "1"), arguments);
	}

	private static void deleteRecursively(Path folder) throws IOException {
		try (var paths = Files.walk(folder)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	private AppProcess.Finished consumer(String... arguments) throws Exception {
		return run(AppProcess.of("consumer-app").set("CONSUMER_HTTP_PORT", "0").set("CONSUMER_EXIT_WHEN_IDLE", "2s"),
				arguments);
	}

	private AppProcess.Finished run(AppProcess app, String... arguments) throws Exception {
		return app.servers(this.database, this.queue)
			.run(this.dir.resolve("run-" + (++this.runs) + ".log"), Duration.ofMinutes(3), arguments);
	}

}
