package io.sensoringest.system;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sensoringest.testing.AppProcess;
import io.sensoringest.testing.Rows;
import io.sensoringest.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One {@code ingest run}, the command behind {@code make run}, over a large set of files
 * with two consumers, and what the fault tests measure of it: the rows stored when the
 * fault struck, the longest pause in storing after it, and the whole command's rows per
 * second.
 */
final class FaultRun {

	static final int FILES = 60;

	static final int ROWS_PER_FILE = 10_000;

	static final int ROWS = FILES * ROWS_PER_FILE;

	private static final OffsetDateTime T0 = OffsetDateTime.parse("2021-01-01T00:00:00Z");

	private final TestDatabase database;

	private final Path log;

	private final Process process;

	private final long startedNanos;

	private long endedNanos;

	private Instant faultAt;

	private long rowsBeforeFault = -1;

	private boolean producerPublishingAtFault;

	private FaultRun(TestDatabase database, Path log, Process process) {
		this.database = database;
		this.log = log;
		this.process = process;
		this.startedNanos = System.nanoTime();
	}

	/** Writes {@link #ROWS} rows of distinct keys into {@link #FILES} files. */
	static Path writeFiles(Path input) throws IOException {
		Files.createDirectories(input);
		for (int file = 0; file < FILES; file++) {
			try (Writer out = Files.newBufferedWriter(input.resolve("s" + file + ".csv"))) {
				out.write("record_time,sensor_id,value\n");
				for (int i = 0; i < ROWS_PER_FILE; i++) {
					out.write(T0.plusSeconds(i) + ",s" + file + "," + (i % 1000) + "." + file + "\n");
				}
			}
		}
		return input;
	}

	/**
	 * Starts {@code ingest run} over the files with two consumers; the app is already
	 * pointed at its servers, queue and database.
	 */
	static FaultRun start(AppProcess app, TestDatabase database, Path input, Path dir) throws IOException {
		Path log = dir.resolve("run.log");
		return new FaultRun(database, log,
				configure(app, input, dir).start(log, "run", "--consumer-jar=" + AppProcess.jarPath("consumer-app")));
	}

	/**
	 * Starts {@code make run} in the project's root, as a user does, with the same
	 * settings.
	 */
	static FaultRun startWithMake(AppProcess app, TestDatabase database, Path input, Path dir) throws IOException {
		Path log = dir.resolve("run.log");
		return new FaultRun(database, log, configure(app, input, dir).make(log, "run"));
	}

	private static AppProcess configure(AppProcess app, Path input, Path dir) {
		return app.set("TARGET_FILE_DIR", input.toString())
			.set("PRODUCER_STATE_DIR", dir.resolve("state").toString())
			// small chunks, each confirmed before the next is sent, make the producer
			// slower than the consumers once they run, so that a fault meets it
			// publishing unless the consumers' JVMs start very late
			.set("PRODUCER_BATCH_ROWS", "100")
			.set("PRODUCER_CONFIRM_WINDOW", "1")
			.set("CONSUMER_REPLICAS", "2")
			.set("CONSUMER_CONCURRENCY", "2")
			.set("CONSUMER_SHUTDOWN_TIMEOUT", "10s");
	}

	/** Waits until at least this many rows are stored, then lets the fault strike. */
	void strikeAfter(long rows, FaultAction fault) throws Exception {
		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(50))
			.failFast("the run ended before the fault: " + AppProcess.read(this.log), () -> !this.process.isAlive())
			.until(() -> Rows.count(this.database) >= rows);
		this.rowsBeforeFault = Rows.count(this.database);
		this.producerPublishingAtFault = !AppProcess.read(this.log).contains("INFO  producer: ");
		this.faultAt = Instant.now();
		fault.strike();
	}

	/**
	 * Waits for the command to end and checks that it ended well, in one piece.
	 * @return its output
	 */
	String awaitSuccess() throws InterruptedException {
		assertThat(this.process.waitFor(5, TimeUnit.MINUTES)).as(() -> AppProcess.read(this.log)).isTrue();
		this.endedNanos = System.nanoTime();
		String output = AppProcess.read(this.log);
		assertThat(this.process.exitValue()).as(output).isZero();
		assertThat(output).contains(String.format("%,d published, %,d stored, 0 rejected;", ROWS, ROWS))
			.doesNotContain("Exception")
			.doesNotContainPattern("\\tat [a-z]");
		return output;
	}

	/** Sends the command SIGTERM. */
	void terminate() {
		this.process.destroy();
	}

	/**
	 * Waits for the command to end and returns its exit status and output.
	 */
	AppProcess.Finished awaitEnd() throws InterruptedException {
		assertThat(this.process.waitFor(5, TimeUnit.MINUTES)).as(() -> AppProcess.read(this.log)).isTrue();
		return new AppProcess.Finished(this.process.exitValue(), AppProcess.read(this.log));
	}

	/** Returns the processes the command started and that run now: its consumers. */
	List<ProcessHandle> children() {
		return this.process.toHandle().children().filter(ProcessHandle::isAlive).toList();
	}

	/**
	 * Returns whether the producer was still publishing when the fault struck; where the
	 * consumers start slowly (under a coverage agent, say) it may have finished first.
	 */
	boolean producerPublishingAtFault() {
		return this.producerPublishingAtFault;
	}

	/** Returns the whole command's time, start to exit. */
	Duration elapsed() {
		return Duration.ofNanos(this.endedNanos - this.startedNanos);
	}

	/**
	 * Returns the figures of a run with a fault, to be compared with one without: rows
	 * stored before it, the longest time after it without a batch stored, and rows per
	 * second of the whole command.
	 * @param ledger where to read when each batch was stored (the database that holds the
	 * table at the end)
	 * @param withoutFault the same run without a fault
	 */
	String figures(TestDatabase ledger, Duration withoutFault) throws SQLException {
		List<Instant> stored = new ArrayList<>();
		try (Connection connection = ledger.server().connect(ledger.name());
				Statement sql = connection.createStatement();
				ResultSet times = sql.executeQuery("SELECT DISTINCT stored_at FROM ingest_ledger ORDER BY 1")) {
			while (times.next()) {
				stored.add(times.getObject(1, Timestamp.class).toInstant());
			}
		}
		Instant previous = this.faultAt;
		Duration stall = Duration.ZERO;
		for (Instant batch : stored) {
			if (batch.isAfter(this.faultAt)) {
				Duration gap = Duration.between(previous, batch);
				stall = (gap.compareTo(stall) > 0) ? gap : stall;
				previous = batch;
			}
		}
		return String.format(
				"fault at %s, producer %s; %,d rows stored before it; longest time without a batch stored after it %.1f s; "
						+ "whole run %.1f s, %,.0f rows/s; without the fault %.1f s, %,.0f rows/s",
				this.faultAt, this.producerPublishingAtFault ? "publishing" : "done", this.rowsBeforeFault,
				stall.toMillis() / 1000.0, seconds(elapsed()), ROWS / seconds(elapsed()), seconds(withoutFault),
				ROWS / seconds(withoutFault));
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	/** The fault a test strikes. */
	@FunctionalInterface
	interface FaultAction {

		void strike() throws Exception;

	}

}
