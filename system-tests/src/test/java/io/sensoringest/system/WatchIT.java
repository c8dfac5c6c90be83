package io.sensoringest.system;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.QueueTopology.QueueType;
import io.sensoringest.contract.SensorRecord;
import io.sensoringest.system.stack.Dashboard;
import io.sensoringest.testing.AppProcess;
import io.sensoringest.testing.Rows;
import io.sensoringest.testing.TestDatabase;
import io.sensoringest.testing.TestQueue;
import io.sensoringest.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watch mode with the producer and a consumer as processes against real servers: files
 * that land in a watched folder, however they are written, are each stored once, and a
 * restarted watcher sends nothing twice.
 */
class WatchIT {

	private static final String HEADER = "record_time,sensor_id,value\n";

	private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-01-01T00:00:00Z");

	private static final Duration DEADLINE = Duration.ofSeconds(90);

	@TempDir
	Path dir;

	@RegisterExtension
	final TestQueue work = new TestQueue("watch");

	private final List<Process> processes = new ArrayList<>();

	private final List<SensorRecord> written = new ArrayList<>();

	private TestDatabase database;

	private Path input;

	private int logs;

	@BeforeEach
	void setUp() throws IOException {
		this.database = TestServers.postgres().createDatabase("watch");
		this.input = Files.createDirectories(this.dir.resolve("input"));
	}

	@AfterEach
	void tearDown() throws Exception {
		for (Process process : this.processes) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		this.database.close();
	}

	@Test
	void filesThatLandInTheFolderHoweverWrittenAreEachStoredOnce() throws Exception {
		consumer();
		Process watcher = watcher();
		awaitLog(0, "watching " + this.input);

		Path part = write(this.input.resolve("a-renamed.csv.part"), "a", 0, 300);
		Files.move(part, this.input.resolve("a-renamed.csv"), StandardCopyOption.ATOMIC_MOVE);
		writeSlowly(this.input.resolve("b-slow.csv"), "b", 3, 200);
		writeGzipped(this.input.resolve("c-packed.csv.gz"), "c", 500);
		write(Files.createDirectories(this.input.resolve("sub")).resolve("d-nested.csv"), "d", 0, 100);
		Files.writeString(this.input.resolve("e-bad.csv"), HEADER + line("e", 0) + "yesterday,e,1\n" + line("e", 2),
				StandardCharsets.UTF_8);
		this.written.add(record("e", 0));
		this.written.add(record("e", 2));
		Files.writeString(this.input.resolve(".hidden.csv"), HEADER + line("h", 0));
		Files.writeString(this.input.resolve("f-editor.csv~"), HEADER + line("f", 0));

		await().atMost(DEADLINE)
			.ignoreExceptions()
			.until(() -> Rows.inTable(this.database).equals(Rows.of(this.written)));
		assertThat(Rows.inLedger(this.database)).as("rows in the ledger: no file was published twice")
			.isEqualTo(this.written.size());
		assertThat(AppProcess.read(log(0))).doesNotContain("changed while it was read").doesNotContain("Exception");

		write(this.input.resolve("a-renamed.csv"), "a", 300, 50, StandardOpenOption.APPEND);

		await().atMost(DEADLINE)
			.ignoreExceptions()
			.until(() -> Rows.inTable(this.database).equals(Rows.of(this.written)));
		assertThat(AppProcess.read(log(0))).containsOnlyOnce("a-renamed.csv: changed after it was taken");
		watcher.destroy();
		assertThat(watcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(watcher.exitValue()).as(AppProcess.read(log(0))).isZero();
		assertThat(AppProcess.read(log(0))).doesNotContain("Exception").doesNotContainPattern("\\tat [a-z]");
	}

	@Test
	void aRestartedWatcherSendsNothingAgain() throws Exception {
		write(this.input.resolve("a.csv"), "a", 0, 120);
		write(this.input.resolve("b.csv"), "b", 0, 80);
		new QueueTopology(this.work.name(), QueueType.QUORUM, 5, QueueTopology.DEFAULT_QUORUM_SIZE)
			.declare(this.work.channel());
		Process first = watcher();
		// small files share messages: how many the two make depends on the readers
		awaitLog(0, "2 files, 2 published, 0 failed; 200 rows published");
		long messages = this.work.channel().messageCount(this.work.name());
		assertThat(messages).isBetween(1L, 2L);
		first.destroy();
		assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(first.exitValue()).as(AppProcess.read(log(0))).isZero();
		assertThat(AppProcess.read(log(0))).doesNotContain("Exception").doesNotContainPattern("\\tat [a-z]");

		watcher();
		awaitLog(1, "2 files published before: left as they are");

		assertThat(this.work.channel().messageCount(this.work.name())).isEqualTo(messages);
	}

	@Test
	void withMoveAFileLeavesTheFolderOnlyOnceItsRowsAreStored() throws Exception {
		write(this.input.resolve("a.csv"), "a", 0, 150);
		Files.writeString(this.input.resolve("b-bad.csv"),
				HEADER + line("b", 0) + "2021-01-01T00:00:01Z,b,many\n" + line("b", 2), StandardCharsets.UTF_8);
		this.written.add(record("b", 0));
		this.written.add(record("b", 2));
		Files.writeString(this.input.resolve("c-headless.csv"), line("c", 0));
		Files.writeString(this.input.resolve("e-cut.csv"), HEADER + line("e", 0) + line("e", 1) + "\"2021-01-01T00:0",
				StandardCharsets.UTF_8);
		this.written.add(record("e", 0));
		this.written.add(record("e", 1));
		Files.write(this.input.resolve("f-image.csv"),
				new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R' });
		Path done = this.input.resolve("done");
		Path error = this.dir.resolve("error");
		new QueueTopology(this.work.name(), QueueType.QUORUM, 5, QueueTopology.DEFAULT_QUORUM_SIZE)
			.declare(this.work.channel());
		watcher(AppProcess.of("producer-app")
			.servers(this.database, this.work.name())
			.set("PRODUCER_DONE_POLICY", "move")
			.set("PRODUCER_DONE_DIR", done.toString())
			.set("PRODUCER_ERROR_DIR", error.toString()));
		awaitLog(0, "5 files, 3 published, 2 failed; 154 rows published");

		assertThat(this.input.resolve("a.csv")).as("no consumer has stored its rows").exists();
		assertThat(this.input.resolve("b-bad.csv")).exists();
		consumer();

		await().atMost(DEADLINE).until(() -> Files.exists(done.resolve("a.csv")));
		await().atMost(DEADLINE).until(() -> Files.exists(error.resolve("b-bad.csv.rejects.tsv")));
		write(this.input.resolve("d-later.csv"), "d", 0, 40);
		await().atMost(DEADLINE).until(() -> Files.exists(done.resolve("d-later.csv")));
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(this.written));
		assertThat(Rows.inLedger(this.database)).as("rows in the ledger: no file was published twice")
			.isEqualTo(this.written.size());
		assertThat(this.input.resolve("a.csv")).doesNotExist();
		assertThat(error.resolve("b-bad.csv")).exists();
		assertThat(Files.readString(error.resolve("b-bad.csv.rejects.tsv"))).startsWith("line\treason\ttext\n3\t")
			.contains("many");
		assertThat(error.resolve("c-headless.csv")).exists();
		assertThat(Files.readString(error.resolve("c-headless.csv.rejects.tsv"))).startsWith("line\treason\ttext\n");
		assertThat(AppProcess.read(log(0))).contains("c-headless.csv: could not be used: ")
			.contains("e-cut.csv:4: rejected: ends inside a quoted field")
			.contains("f-image.csv: could not be used: is not UTF-8 text")
			.doesNotContain("Exception");
		assertThat(error.resolve("e-cut.csv")).as("its two valid rows are stored, its cut line rejected").exists();
		assertThat(error.resolve("f-image.csv")).exists();
		AppProcess.Finished status = AppProcess.of("ingest-cli")
			.servers(this.database, this.work.name())
			.set("TARGET_FILE_DIR", this.input.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.set("PRODUCER_DONE_DIR", done.toString())
			.set("PRODUCER_ERROR_DIR", error.toString())
			.run(this.dir.resolve("status.log"), DEADLINE, "status");
		assertThat(status.output()).contains("watch: 0 files not published yet; 2 in " + done + ", 4 in " + error);
		assertThat(status.exit()).as(status.output()).isZero();
	}

	@Test
	void aWatcherKilledInTheMiddleOfALargeFileResumesAndMovesItOnce() throws Exception {
		write(this.input.resolve("large.csv"), "l", 0, 20_000);
		Path done = this.dir.resolve("done");
		consumer();
		AppProcess producer = AppProcess.of("producer-app")
			.servers(this.database, this.work.name())
			.set("PRODUCER_DONE_POLICY", "move")
			.set("PRODUCER_DONE_DIR", done.toString())
			.set("PRODUCER_ERROR_DIR", this.dir.resolve("error").toString())
			// one row a message, each confirmed before the next: seconds for the file
			.set("PRODUCER_BATCH_ROWS", "1")
			.set("PRODUCER_CONFIRM_WINDOW", "1");
		Process first = watcher(producer);
		await().atMost(DEADLINE).until(() -> Rows.count(this.database) > 100);

		first.destroyForcibly().waitFor();
		assertThat(Rows.count(this.database)).as("killed in the middle").isLessThan(20_000);
		// restarted with larger messages: the file resumes in the size it was published
		// in,
		// or a message left from before could carry the id of a larger one
		watcher(producer.set("PRODUCER_BATCH_ROWS", "1000").set("PRODUCER_CONFIRM_WINDOW", "32"));

		await().atMost(DEADLINE).until(() -> Files.exists(done.resolve("large.csv")));
		assertThat(Rows.inTable(this.database)).isEqualTo(Rows.of(this.written));
		try (var moved = Files.list(done)) {
			assertThat(moved.map((p) -> p.getFileName().toString())).containsExactly("large.csv");
		}
		assertThat(AppProcess.read(log(1))).contains("large.csv: resuming after line");
	}

	@Test
	void makeWatchRunsConsumersAndAWatcherUntilSigterm() throws Exception {
		Path log = this.dir.resolve("watch.log");
		Process watch = started(AppProcess.of("ingest-cli")
			.servers(this.database, this.work.name())
			.set("TARGET_FILE_DIR", this.input.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.set("PRODUCER_FILE_SETTLE_TIME", "1s")
			.set("CONSUMER_REPLICAS", "1")
			.start(log, "watch", "--consumer-jar=" + AppProcess.jarPath("consumer-app")));
		await().atMost(DEADLINE).until(() -> AppProcess.read(log).contains("watching " + this.input));

		write(this.input.resolve("a.csv"), "a", 0, 500);

		await().atMost(DEADLINE)
			.ignoreExceptions()
			.until(() -> Rows.inTable(this.database).equals(Rows.of(this.written)));
		await().atMost(DEADLINE)
			.until(() -> AppProcess.read(log)
				.contains("watch: 0 files waiting, 0 awaiting storage, 0 done; 500 rows stored"));
		watch.destroy();
		assertThat(watch.waitFor(90, TimeUnit.SECONDS)).isTrue();
		assertThat(watch.exitValue()).as(AppProcess.read(log)).isZero();
		assertThat(AppProcess.read(log)).doesNotContain("Exception");
	}

	private static String get(String port, String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + " " + response.body();
	}

	private Process watcher() throws IOException {
		return watcher(AppProcess.of("producer-app").broker(this.work.name()));
	}

	private Process watcher(AppProcess producer) throws IOException {
		return started(producer.set("TARGET_FILE_DIR", this.input.toString())
			.set("PRODUCER_STATE_DIR", this.dir.resolve("state").toString())
			.set("PRODUCER_FILE_SETTLE_TIME", "1s")
			.set("PRODUCER_HTTP_PORT", "0")
			.start(log(this.logs++), "--watch"));
	}

	private void consumer() throws IOException {
		started(AppProcess.of("consumer-app")
			.servers(this.database, this.work.name())
			.set("CONSUMER_HTTP_PORT", "0")
			.start(this.dir.resolve("consumer.log")));
	}

	private Process started(Process process) {
		this.processes.add(process);
		return process;
	}

	private void awaitLog(int index, String text) {
		await().atMost(DEADLINE).until(() -> AppProcess.read(log(index)).contains(text));
	}

	private Path log(int index) {
		return this.dir.resolve("producer-" + index + ".log");
	}

	/** Writes a file of the sensor's readings from the given one on. */
	private Path write(Path file, String sensor, int from, int count, StandardOpenOption... options)
			throws IOException {
		StringBuilder text = new StringBuilder((options.length == 0) ? HEADER : "");
		for (int i = from; i < from + count; i++) {
			text.append(line(sensor, i));
			this.written.add(record(sensor, i));
		}
		return Files.writeString(file, text, StandardCharsets.UTF_8, (options.length == 0)
				? new StandardOpenOption[] { StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE } : options);
	}

	/**
	 * Writes a file in pieces with pauses shorter than the settle time, longer in all
	 * than half of it: the watcher must wait for the last piece.
	 */
	private void writeSlowly(Path file, String sensor, int pieces, int rowsEach) throws Exception {
		write(file, sensor, 0, rowsEach);
		for (int piece = 1; piece < pieces; piece++) {
			Thread.sleep(400);
			write(file, sensor, piece * rowsEach, rowsEach, StandardOpenOption.APPEND);
		}
	}

	private void writeGzipped(Path file, String sensor, int count) throws IOException {
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			out.write(HEADER.getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < count; i++) {
				out.write(line(sensor, i).getBytes(StandardCharsets.UTF_8));
				this.written.add(record(sensor, i));
			}
		}
	}

	private static String line(String sensor, int i) {
		return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(T0.plusSeconds(i)) + "," + sensor + "," + i + "\n";
	}

	private static SensorRecord record(String sensor, int i) {
		return new SensorRecord(T0.plusSeconds(i), sensor, i);
	}

}
