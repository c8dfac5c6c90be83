package io.sensoringest.producer.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.contract.Envelope;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.RecordCodec;
import io.sensoringest.contract.SensorRecord;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.api.RunResult;
import io.sensoringest.producer.input.CsvFileReader;
import io.sensoringest.producer.input.CsvFileReader.Row;
import io.sensoringest.producer.input.CsvFileReader.Valid;
import io.sensoringest.producer.input.InputFiles;
import io.sensoringest.producer.input.RowParser;
import io.sensoringest.producer.settings.ProducerSettings;
import io.sensoringest.testing.AppProcess;
import io.sensoringest.testing.TestQueue;
import io.sensoringest.testing.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The producer against a real RabbitMQ: each test publishes to a queue of its own and
 * reads back what arrived.
 */
class PublishIT {

	@TempDir
	Path dir;

	@RegisterExtension
	final TestQueue work = new TestQueue("publish");

	private final String queue = this.work.name();

	/** Readers: two, as .env has it, unless a test needs the files read in turn. */
	private int parallelism = 2;

	@Test
	void rowsArriveIntactPersistentAndInFileOrderWithHeaders() throws Exception {
		Path input = generate(3, 2500);
		this.parallelism = 1;

		RunResult result = publish(input, 1000);

		assertThat(result.exitCode()).isZero();
		assertThat(result.rowsConfirmed()).isEqualTo(7500);
		// the files' rows follow each other: a file's last rows share a message with the
		// next file's first
		assertThat(this.dir.resolve("state").resolve(ProducerMetrics.TEXTFILE)).content()
			.contains("sensor_ingest_producer_rows_confirmed_total 7500.0")
			.contains("sensor_ingest_producer_confirm_latency_seconds_count 8");
		List<GetResponse> messages = drain();
		assertThat(messages).hasSize(8);
		Map<String, List<SensorRecord>> arrived = new LinkedHashMap<>();
		Map<String, Long> lastFirstLine = new HashMap<>();
		int packed = 0;
		for (GetResponse message : messages) {
			assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
			assertThat(message.getProps().getContentType()).isEqualTo("text/csv");
			Envelope envelope = Envelope.from(message.getProps().getMessageId(), message.getProps().getHeaders());
			List<SensorRecord> rows = RecordCodec.decode(message.getBody());
			assertThat(envelope.rowCount()).isEqualTo(rows.size());
			packed += envelope.packed() ? 1 : 0;
			int offset = 0;
			for (ChunkMetadata segment : envelope.segments()) {
				assertThat(segment.messageId()).endsWith(":" + segment.firstLine() + ":" + segment.rowCount());
				assertThat(segment.firstLine()).isGreaterThan(lastFirstLine.getOrDefault(segment.sourceFile(), 0L));
				lastFirstLine.put(segment.sourceFile(), segment.firstLine());
				List<SensorRecord> before = arrived.computeIfAbsent(segment.sourceFile(), (f) -> new ArrayList<>());
				assertThat(segment.firstRow()).as("the file's rows before this segment's").isEqualTo(before.size());
				before.addAll(rows.subList(offset, offset + segment.rowCount()));
				offset += segment.rowCount();
			}
		}
		assertThat(packed).as("the message that carries the end of the first file and the start of the second")
			.isEqualTo(1);
		for (InputFile file : InputFiles.find(List.of(), input, ".csv")) {
			assertThat(arrived.get(file.name())).isEqualTo(validRows(file));
		}
	}

	@Test
	void declaresADurableQueueWithItsDeadLetterQueue() throws Exception {
		publish(generate(1, 1), 10);

		ProducerSettings settings = settings(this.dir, 10);
		assertThat(this.work.channel().queueDeclarePassive(this.queue + ".dlq")).isNotNull();
		this.work.channel().queueDeclare(this.queue, true, false, false, settings.topology().queueArguments());
		assertThatThrownBy(() -> this.work.channel()
			.queueDeclare(this.queue, false, false, false, settings.topology().queueArguments()))
			.hasRootCauseInstanceOf(ShutdownSignalException.class)
			.rootCause()
			.hasMessageContaining("PRECONDITION_FAILED");
	}

	@Test
	void publishesEveryGoodRowAndReportsEachBadOneWithItsLine() throws Exception {
		Path input = Files.createDirectories(this.dir.resolve("bad"));
		Files.writeString(input.resolve("mixed.csv"), """
				record_time,sensor_id,value
				2021-01-01T00:00:00Z,a,1
				2021-01-01T00:00:01Z,a,NaN
				2021-01-01T00:00:02Z,,3
				2021-01-01T00:00:03Z,a,4
				""");
		Files.writeString(input.resolve("noheader.csv"), "2021-01-01T00:00:00Z,a,1\n");

		RunResult result = publish(input, 10);

		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.rowsConfirmed()).isEqualTo(2);
		assertThat(result.rowsRejected()).isEqualTo(2);
		assertThat(result.filesFailed()).isEqualTo(1);
		List<SensorRecord> rows = RecordCodec.decode(drain().get(0).getBody());
		assertThat(rows).extracting(SensorRecord::value).containsExactly(1.0, 4.0);
		assertThat(Files.readAllLines(this.dir.resolve("state/rejects.tsv"))).containsExactly(
				"file\tline\treason\ttext", "mixed.csv\t3\tvalue 'NaN' is not a number\t2021-01-01T00:00:01Z,a,NaN",
				"mixed.csv\t4\tsensor_id is blank\t2021-01-01T00:00:02Z,,3");
	}

	@Test
	void secondRunPublishesNothingUnlessForcedOrTheFileChanged() throws Exception {
		Path input = generate(2, 50);
		publish(input, 10);

		RunResult again = publish(input, 10);

		assertThat(again.filesAlreadyDone()).isEqualTo(2);
		assertThat(again.rowsConfirmed()).isZero();
		assertThat(again.summary()).startsWith("nothing to publish");
		assertThat(drain()).hasSize(10);
		try (Stream<Path> files = Files.list(input)) {
			Path first = files.sorted().findFirst().orElseThrow();
			Files.writeString(first, "2021-01-01T01:00:00Z,extra,0.5\r\n", java.nio.file.StandardOpenOption.APPEND);
		}
		assertThat(publish(input, 10).rowsConfirmed()).isEqualTo(51);
		assertThat(publishForced(input).rowsConfirmed()).isEqualTo(101);
	}

	@Test
	void runKilledMidwayAndRestartedPublishesTheRemainder() throws Exception {
		killMidwayAndRestart(generate(20, 2000));
	}

	@Test
	void aGzippedFileResumesAfterAKillAsAPlainOneDoes() throws Exception {
		Path input = generate(20, 2000);
		try (Stream<Path> files = Files.list(input)) {
			for (Path plain : files.toList()) {
				try (OutputStream out = new GZIPOutputStream(
						Files.newOutputStream(plain.resolveSibling(plain.getFileName() + ".gz")))) {
					Files.copy(plain, out);
				}
				Files.delete(plain);
			}
		}

		killMidwayAndRestart(input);
	}

	/**
	 * Kills the producer once some messages are out, starts it again, and checks that
	 * every chunk arrived, at most the confirm window's worth twice.
	 */
	private void killMidwayAndRestart(Path input) throws Exception {
		Path state = this.dir.resolve("state");
		AppProcess producer = AppProcess.of("producer-app")
			.set("RABBITMQ_HOST", TestServers.rabbit().host())
			.set("RABBITMQ_PORT", Integer.toString(TestServers.rabbit().port()))
			.set("RABBITMQ_USERNAME", TestServers.rabbit().username())
			.set("RABBITMQ_PASSWORD", TestServers.rabbit().password())
			.set("RABBITMQ_QUEUE_NAME", this.queue)
			.set("TARGET_FILE_DIR", input.toString())
			.set("PRODUCER_STATE_DIR", state.toString())
			.set("PRODUCER_BATCH_ROWS", "10");
		Path log = this.dir.resolve("producer.log");
		Process first = producer.start(log);
		await().atMost(Duration.ofSeconds(60)).until(() -> depth() >= 500 || !first.isAlive());
		assertThat(first.isAlive()).as("still publishing when killed").isTrue();
		first.destroyForcibly().waitFor();

		Process second = producer.start(log);
		assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(second.exitValue()).as(AppProcess.read(log)).isZero();

		List<String> ids = drain().stream().map((m) -> m.getProps().getMessageId()).toList();
		Set<String> expected = expectedIds(input, 10);
		assertThat(new TreeSet<>(ids)).isEqualTo(expected);
		// only chunks in flight at the kill may be sent twice: at most the confirm window
		// per reader
		int readers = Runtime.getRuntime().availableProcessors();
		assertThat(ids.size() - expected.size()).isLessThanOrEqualTo(32 * readers);
	}

	@Test
	void brokerRestartMidRunLosesNoRow() throws Exception {
		Path input = generate(10, 5000);
		CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> {
			try {
				return publish(input, 50);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(Duration.ofSeconds(60)).until(() -> depth() >= 100 || run.isDone());
		TestServers.restartRabbit();

		RunResult result = run.get(120, TimeUnit.SECONDS);
		assertThat(result.exitCode()).isZero();
		this.work.reconnect();
		List<GetResponse> messages = drain();
		Set<String> ids = new TreeSet<>(messages.stream().map((m) -> m.getProps().getMessageId()).toList());
		assertThat(ids).isEqualTo(expectedIds(input, 50));
	}

	@Test
	void aFullQueueRefusesAndTheProducerSendsAgainAfterABackoffUntilEveryChunkIsIn() throws Exception {
		Path input = generate(2, 100);
		String policy = this.queue + "-full";
		TestServers.rabbitmqctl("set_policy", "--apply-to", "queues", policy,
				"^" + this.queue.replace(".", "\\.") + "$", "{\"max-length\":3}");
		List<GetResponse> messages = new ArrayList<>();
		CompletableFuture<RunResult> run;
		try {
			fillUntilRefused(settings(input, 10).topology());
			run = CompletableFuture.supplyAsync(() -> {
				try {
					return publish(input, 10);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> !run.isDone());
			// take one at a time: each frees room for one chunk sent again
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
				GetResponse message = this.work.channel().basicGet(this.queue, true);
				if (message != null) {
					messages.add(message);
				}
				return run.isDone();
			});
		}
		finally {
			TestServers.rabbitmqctl("clear_policy", policy);
		}

		RunResult result = run.get(10, TimeUnit.SECONDS);
		assertThat(result.exitCode()).isZero();
		assertThat(result.rowsConfirmed()).isEqualTo(200);
		Matcher republished = Pattern.compile("sensor_ingest_producer_chunks_republished_total ([0-9.]+)")
			.matcher(Files.readString(this.dir.resolve("state").resolve(ProducerMetrics.TEXTFILE)));
		assertThat(republished.find()).isTrue();
		assertThat(Double.parseDouble(republished.group(1)))
			.as("chunks sent again after a backoff; at once, it would be thousands in these seconds")
			.isBetween(1.0, 500.0);
		messages.addAll(drain());
		messages.removeIf((m) -> m.getProps().getMessageId() == null);
		// a chunk unconfirmed when its channel was dropped may arrive twice (the
		// consumers' ledger is for that); none may be missing
		assertThat(new TreeSet<>(messages.stream().map((m) -> m.getProps().getMessageId()).toList()))
			.isEqualTo(expectedIds(input, 10));
	}

	/**
	 * Declares the queue as the producer would and fills it until RabbitMQ refuses a
	 * message. A quorum queue's length limit is not exact: chunks pipelined before the
	 * queue noticed it was full are all taken, so a producer started on an empty queue
	 * may finish before the limit bites. On a queue already refusing, it cannot.
	 */
	private void fillUntilRefused(QueueTopology topology) throws Exception {
		try (Channel filler = this.work.newChannel()) {
			topology.declare(filler);
			filler.confirmSelect();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				filler.basicPublish("", this.queue, true, MessageProperties.PERSISTENT_BASIC,
						"filler".getBytes(StandardCharsets.UTF_8));
				return !filler.waitForConfirms(10_000);
			});
		}
	}

	private long depth() throws IOException {
		try (Channel probe = this.work.newChannel()) {
			return probe.queueDeclarePassive(this.queue).getMessageCount();
		}
		catch (IOException | java.util.concurrent.TimeoutException ex) {
			return 0;
		}
	}

	private Set<String> expectedIds(Path input, int batchRows) throws IOException {
		Set<String> ids = new TreeSet<>();
		for (InputFile file : InputFiles.find(List.of(), input, ".csv")) {
			String fingerprint = io.sensoringest.producer.api.FileIdentity.of(file).fingerprint();
			List<Long> lines = new ArrayList<>();
			try (CsvFileReader reader = CsvFileReader.open(file, ',', new RowParser(ZoneOffset.UTC))) {
				for (Row r = reader.next(); r != null; r = reader.next()) {
					lines.add(r.line());
				}
			}
			for (int first = 0; first < lines.size(); first += batchRows) {
				ids.add(ChunkMetadata.messageId(fingerprint, lines.get(first),
						Math.min(batchRows, lines.size() - first)));
			}
		}
		return ids;
	}

	private List<GetResponse> drain() throws IOException {
		List<GetResponse> messages = new ArrayList<>();
		for (GetResponse message = this.work.channel().basicGet(this.queue, true); message != null; message = this.work
			.channel()
			.basicGet(this.queue, true)) {
			messages.add(message);
		}
		return messages;
	}

	private static List<SensorRecord> validRows(InputFile file) throws IOException {
		List<SensorRecord> rows = new ArrayList<>();
		try (CsvFileReader reader = CsvFileReader.open(file, ',', new RowParser(ZoneOffset.UTC))) {
			for (Row row = reader.next(); row != null; row = reader.next()) {
				rows.add(((Valid) row).record());
			}
		}
		return rows;
	}

	/** Writes one file per sensor, one reading a second, the last file's rows first. */
	private Path generate(int sensors, int records) throws IOException {
		Path input = this.dir.resolve("in-" + sensors + "x" + records);
		Files.createDirectories(input);
		OffsetDateTime start = OffsetDateTime.parse("2021-01-01T00:00:00+08:00");
		for (int sensor = 0; sensor < sensors; sensor++) {
			List<String> lines = new ArrayList<>(List.of("record_time,sensor_id,value"));
			for (int i = 0; i < records; i++) {
				lines.add(start.plusSeconds(i) + ",sensor_" + sensor + "," + (sensor * 1000.5 + i));
			}
			Files.write(input.resolve("sensor_" + sensor + ".csv"), lines);
		}
		return input;
	}

	private RunResult publish(Path input, int batchRows) throws Exception {
		return run(input, batchRows, false);
	}

	private RunResult publishForced(Path input) throws Exception {
		return run(input, 10, true);
	}

	private RunResult run(Path input, int batchRows, boolean force) throws Exception {
		ProducerSettings settings = settings(input, batchRows);
		return new PublishRun(settings, settings.broker().nodes(),
				new ProducerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), 60_000)
			.run(InputFiles.find(List.of(), input, ".csv"), force);
	}

	private ProducerSettings settings(Path input, int batchRows) {
		Map<String, Object> values = new HashMap<>(TestServers.rabbit().settings(this.queue));
		values.put("RABBITMQ_QUEUE_TYPE", "quorum");
		values.put("RABBITMQ_DELIVERY_LIMIT", "5");
		values.put("TARGET_FILE_DIR", input.toString());
		values.put("TARGET_FILE_EXTENSION", ".csv");
		values.put("CSV_PARSER_DELIMITER", ",");
		values.put("CSV_TIMEZONE", "UTC");
		values.put("PRODUCER_BATCH_ROWS", Integer.toString(batchRows));
		values.put("PRODUCER_PARALLELISM", Integer.toString(this.parallelism));
		values.put("PRODUCER_STATE_DIR", this.dir.resolve("state").toString());
		values.put("PRODUCER_MAX_OUTAGE", "60s");
		values.put("PRODUCER_CONFIRM_WINDOW", "32");
		values.put("PRODUCER_CONFIRM_TIMEOUT", "30s");
		values.put("PRODUCER_LINGER", "200ms");
		return ProducerSettings.load(values);
	}

	static String text(GetResponse message) {
		return new String(message.getBody(), StandardCharsets.UTF_8);
	}

}
