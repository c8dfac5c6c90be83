package io.sensoringest.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.Envelope;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.QueueTopology.QueueType;
import io.sensoringest.contract.RecordCodec;
import io.sensoringest.contract.SensorRecord;
import io.sensoringest.system.stack.Dashboard;
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
 * Consumers as real processes against a real broker and database: each test has its own
 * database and queue, publishes messages itself and checks the table.
 */
class ConsumerProcessIT {

	private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-01-01T00:00:00+08:00");

	@TempDir
	Path dir;

	private final String queue = RabbitServer.uniqueQueueName("consumer");

	private final QueueTopology topology = new QueueTopology(this.queue, QueueType.QUORUM, 5,
			QueueTopology.DEFAULT_QUORUM_SIZE);

	private final List<Process> processes = new ArrayList<>();

	private TestDatabase database;

	private Connection connection;

	private Channel channel;

	private int logs;

	@BeforeEach
	void setUp() throws Exception {
		this.database = TestServers.postgres().createDatabase("consumer");
		this.connection = TestServers.rabbit().connectionFactory().newConnection();
		this.channel = this.connection.createChannel();
		this.topology.declare(this.channel);
		this.channel.confirmSelect();
	}

	@AfterEach
	void tearDown() throws Exception {
		this.processes.forEach(Process::destroyForcibly);
		for (Process process : this.processes) {
			process.waitFor(30, TimeUnit.SECONDS);
		}
		TestServers.rabbit().deleteTopology(this.queue);
		this.connection.abort();
		this.database.close();
	}

	@Test
	void storesEveryRowOnceAndExitsZeroWhenIdle() throws Exception {
		List<SensorRecord> sent = publish(200, 100);

		Process consumer = consumer("2s");

		assertExitsZero(consumer, 120);
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(sent));
	}

	@Test
	void redeliveryOfAStoredMessageIsAckedWithoutTouchingTheTable() throws Exception {
		SensorRecord original = new SensorRecord(T0, "ledger_sensor", 1.0);
		publishRaw("ledger:2", RecordCodec.encode(List.of(original)));
		this.channel.waitForConfirmsOrDie(30_000);
		Process first = consumer("2s");
		assertExitsZero(first, 120);

		// a forged redelivery: same message id, another value
		publishRaw("ledger:2", RecordCodec.encode(List.of(new SensorRecord(T0, "ledger_sensor", 2.0))));
		this.channel.waitForConfirmsOrDie(30_000);
		Process second = consumer("2s");

		assertExitsZero(second, 120);
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(List.of(original)));
		assertThat(this.channel.basicGet(this.queue, false)).as("the redelivery was acked").isNull();
	}

	@Test
	void undecodableMessageIsDeadLetteredAndTheGoodOnesAroundItStored() throws Exception {
		List<SensorRecord> sent = new ArrayList<>(publish(1, 10));
		publishRaw("broken:2", "not,a\nvalid body".getBytes());
		sent.addAll(publish(1, 10, 1000));

		Process consumer = consumer("2s");

		assertExitsZero(consumer, 120);
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(sent));
		GetResponse dead = this.channel.basicGet(this.topology.deadLetterQueue(), true);
		assertThat(dead.getProps().getMessageId()).isEqualTo("broken:2");
		assertThat(this.channel.basicGet(this.topology.deadLetterQueue(), true)).isNull();
		assertThat(AppProcess.read(log(0))).contains("dead-lettered message broken:2");
	}

	@Test
	void aPackedMessageWritesOnlyItsSegmentsNotStoredBeforeAndOneWhoseCountsDoNotAddUpIsSetAside() throws Exception {
		SensorRecord stored = new SensorRecord(T0, "packed_a", 1.0);
		publishPacked(List.of(ChunkMetadata.of("fa", "a.csv", 2, 1, 0)), List.of(stored));
		Process first = consumer("2s");
		assertExitsZero(first, 120);

		// the same segment of a.csv again (forged with another value), packed with a new
		// one of b.csv
		List<SensorRecord> b = List.of(new SensorRecord(T0, "packed_b", 3.0),
				new SensorRecord(T0.plusSeconds(1), "packed_b", 4.0));
		publishPacked(List.of(ChunkMetadata.of("fa", "a.csv", 2, 1, 0), ChunkMetadata.of("fb", "b.csv", 2, 2, 0)),
				List.of(new SensorRecord(T0, "packed_a", 2.0), b.get(0), b.get(1)));
		// segments that name three rows over a body of two
		publishPacked(List.of(ChunkMetadata.of("fc", "c.csv", 2, 1, 0), ChunkMetadata.of("fd", "d.csv", 2, 2, 0)),
				List.of(new SensorRecord(T0, "packed_c", 5.0), new SensorRecord(T0, "packed_d", 6.0)));
		Process second = consumer("2s");

		assertExitsZero(second, 120);
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(List.of(stored, b.get(0), b.get(1))));
		GetResponse dead = this.channel.basicGet(this.topology.deadLetterQueue(), true);
		assertThat(dead.getProps().getMessageId()).startsWith(Envelope.PACKED_PREFIX);
		assertThat(AppProcess.read(log(1))).contains("2 files: c.csv line 2, d.csv line 2")
			.contains("its segments name 3 rows, its body holds 2");
	}

	@Test
	void messageThatPostgresRefusesIsIsolatedAndDeadLetteredAndTheRestStored() throws Exception {
		List<SensorRecord> sent = new ArrayList<>(publish(20, 50));
		// a year PostgreSQL cannot hold: the batch fails until the message is alone
		publishRaw("poison:1", "+300000-01-01T00:00:00Z,far_future,1.0\n".getBytes());
		sent.addAll(publish(20, 50, 5000));

		Process consumer = consumer("2s");

		assertExitsZero(consumer, 120);
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(sent));
		assertThat(this.channel.basicGet(this.topology.deadLetterQueue(), true).getProps().getMessageId())
			.isEqualTo("poison:1");
		assertThat(AppProcess.read(log(0))).contains("dead-lettered message poison:1")
			.contains("PostgreSQL refused it");
	}

	@Test
	void servesHealthAndTheMetricsItCounts() throws Exception {
		List<SensorRecord> sent = publish(50, 100);
		Process consumer = consumer("off");
		await().atMost(Duration.ofSeconds(60)).until(() -> Rows.count(this.database) == sent.size());
		Matcher port = Pattern.compile("metrics and health on port (\\d+)").matcher(AppProcess.read(log(0)));
		assertThat(port.find()).isTrue();
		String base = "http://localhost:" + port.group(1) + "/actuator/";

		assertThat(get(base + "health")).contains("\"status\":\"UP\"");
		String metrics = get(base + "prometheus");
		assertThat(metrics).contains("sensor_ingest_consumer_rows_stored_total " + (double) sent.size())
			.contains("sensor_ingest_consumer_batch_latency_seconds_bucket")
			.contains("sensor_ingest_consumer_polls_empty_total")
			.contains("sensor_ingest_consumer_dead_lettered_total 0.0");
		Set<String> dashboardMetrics = Dashboard.metricNames();
		assertThat(dashboardMetrics).filteredOn((name) -> name.startsWith("sensor_ingest_consumer_"))
			.isNotEmpty()
			.allSatisfy((name) -> assertThat(metrics).as("the dashboard queries " + name).contains(name));
		consumer.destroy();
		assertExitsZero(consumer, 60);
	}

	private static String get(String url) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	@Test
	void killNineMidRunThenAnotherConsumerStoresEveryRowExactlyOnce() throws Exception {
		List<SensorRecord> sent = publish(3000, 100);
		Process first = consumer("off");
		await().atMost(Duration.ofSeconds(60)).until(() -> Rows.count(this.database) > 0);
		first.destroyForcibly().waitFor();
		assertThat(Rows.count(this.database)).isLessThan(sent.size());

		Process second = consumer("2s");

		assertExitsZero(second, 120);
		assertThat(Rows.count(this.database)).isEqualTo(sent.size());
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(sent));
	}

	@Test
	void sigtermExitsZeroAndLeavesNothingUnacked() throws Exception {
		List<SensorRecord> sent = publish(3000, 100);
		Process consumer = consumer("off");
		await().atMost(Duration.ofSeconds(60)).until(() -> Rows.count(this.database) > 0);

		consumer.destroy();

		assertExitsZero(consumer, 60);
		Set<String> stored = Rows.inTable(this.database);
		List<SensorRecord> left = new ArrayList<>();
		for (GetResponse m = this.channel.basicGet(this.queue, true); m != null; m = this.channel.basicGet(this.queue,
				true)) {
			left.addAll(RecordCodec.decode(m.getBody()));
		}
		assertThat(stored).doesNotContainAnyElementsOf(Rows.of(left));
		Set<String> all = new HashSet<>(stored);
		all.addAll(Rows.of(left));
		assertThat(all).isEqualTo(Rows.of(sent));
		assertThat(left).as("SIGTERM came before the end").isNotEmpty();
	}

	@Test
	void postgresStoppedAndStartedDuringARunLosesNothingAndNoProcessExits() throws Exception {
		List<SensorRecord> sent = publish(3000, 100);
		Process consumer = consumer("3s");
		await().atMost(Duration.ofSeconds(60)).until(() -> Rows.count(this.database) > 0);

		TestServers.postgresDown(this.database);
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> AppProcess.read(log(0)).contains("backing off"));
			assertThat(consumer.isAlive()).isTrue();
		}
		finally {
			TestServers.postgresUp(this.database);
		}

		assertExitsZero(consumer, 120);
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(sent));
	}

	@Test
	void aConsumerWhoseStarterDiedBeforeItStartedStopsByItself() throws Exception {
		Process starter = new ProcessBuilder("true").start();
		starter.waitFor();
		Path log = log(this.logs++);
		Process consumer = AppProcess.of("consumer-app")
			.servers(this.database, this.queue)
			.set("CONSUMER_HTTP_PORT", "0")
			.set("CONSUMER_EXIT_WITH_PARENT", "true")
			.set("SENSOR_INGEST_STARTER_PID", Long.toString(starter.pid()))
			.start(log);
		this.processes.add(consumer);

		assertExitsZero(consumer, 60);
		assertThat(AppProcess.read(log)).contains("is gone: stopping (CONSUMER_EXIT_WITH_PARENT)");
	}

	private Process consumer(String exitWhenIdle) throws IOException {
		Process process = AppProcess.of("consumer-app")
			.servers(this.database, this.queue)
			.set("CONSUMER_HTTP_PORT", "0")
			.set("CONSUMER_EXIT_WHEN_IDLE", exitWhenIdle)
			.set("POSTGRES_BATCH_UPSERT_SIZE", "2000")
			.start(log(this.logs++));
		this.processes.add(process);
		return process;
	}

	private Path log(int index) {
		return this.dir.resolve("consumer-" + index + ".log");
	}

	private void assertExitsZero(Process process, int seconds) throws InterruptedException {
		int index = this.processes.indexOf(process);
		assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as(() -> AppProcess.read(log(index))).isTrue();
		assertThat(process.exitValue()).as(() -> AppProcess.read(log(index))).isZero();
	}

	private List<SensorRecord> publish(int messages, int rowsEach) throws Exception {
		return publish(messages, rowsEach, 0);
	}

	private List<SensorRecord> publish(int messages, int rowsEach, int firstSecond) throws Exception {
		List<SensorRecord> all = new ArrayList<>();
		for (int m = 0; m < messages; m++) {
			List<SensorRecord> rows = new ArrayList<>();
			for (int r = 0; r < rowsEach; r++) {
				int second = firstSecond + m * rowsEach + r;
				rows.add(new SensorRecord(T0.plusSeconds(second), "sensor_" + (second % 7), second / 1000.0));
			}
			publishRaw("test:" + firstSecond + ":" + m, RecordCodec.encode(rows));
			all.addAll(rows);
		}
		this.channel.waitForConfirmsOrDie(30_000);
		return all;
	}

	private void publishPacked(List<ChunkMetadata> segments, List<SensorRecord> rows) throws Exception {
		Envelope envelope = Envelope.of(segments);
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(2)
			.contentType(ChunkMetadata.CONTENT_TYPE)
			.messageId(envelope.messageId())
			.headers(envelope.headers())
			.build();
		this.channel.basicPublish("", this.queue, true, properties, RecordCodec.encode(rows));
		this.channel.waitForConfirmsOrDie(30_000);
	}

	private void publishRaw(String messageId, byte[] body) throws IOException {
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(2)
			.contentType(ChunkMetadata.CONTENT_TYPE)
			.messageId(messageId)
			.headers(new ChunkMetadata(messageId, "test.csv", 2, 1, -1).headers())
			.build();
		this.channel.basicPublish("", this.queue, true, properties, body);
	}

}
