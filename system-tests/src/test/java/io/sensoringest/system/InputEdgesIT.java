package io.sensoringest.system;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.GetResponse;
import io.sensoringest.contract.RecordCodec;
import io.sensoringest.contract.SensorRecord;
import io.sensoringest.testing.AppProcess;
import io.sensoringest.testing.TestQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The input problems that a file's content does not show, with the producer as a process
 * against a real RabbitMQ: a file it may not read, a folder with nothing to publish, a
 * path that is not there, and a file that grows or shrinks while it is read. Each ends
 * with a line that says what happened and, where there was anything valid, every valid
 * row in the queue.
 */
class InputEdgesIT {

	private static final String HEADER = "record_time,sensor_id,value\n";

	@TempDir
	Path dir;

	@RegisterExtension
	final TestQueue work = new TestQueue("edges");

	private final String queue = this.work.name();

	private int runs;

	@Test
	void aFileItMayNotReadIsNamedAndTheOthersArePublished() throws Exception {
		Path input = Files.createDirectories(this.dir.resolve("input"));
		Files.writeString(input.resolve("a-good.csv"), HEADER + rows(0, 3));
		Path secret = Files.writeString(input.resolve("b-secret.csv"), HEADER + rows(10, 3));
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
		Path state = Files.createDirectories(this.dir.resolve("state"));
		AppProcess producer = producer(input, state);
		if (Files.isReadable(secret)) {
			// root reads any file: the producer runs without that power, so the mode
			// holds
			producer.withoutReadOverride();
		}

		AppProcess.Finished output = run(producer);

		assertThat(output.exit()).isEqualTo(1);
		assertThat(output.output()).contains("b-secret.csv: skipped, cannot be read:")
			.contains("permission denied")
			.contains("2 files, 1 published, 1 failed; 3 rows published")
			.doesNotContain("Exception");
		assertThat(valuesInQueue()).containsExactly(0.0, 1.0, 2.0);
	}

	@Test
	void aFolderWithNoInputFilesStopsTheRunWithOneLine() throws Exception {
		Path input = Files.createDirectories(this.dir.resolve("input"));
		Files.writeString(input.resolve("notes.txt"), "not csv\n");

		AppProcess.Finished output = run(producer(input, this.dir.resolve("state")));

		assertThat(output.exit()).isEqualTo(2);
		assertThat(output.output()).contains("no files ending in .csv in " + input).doesNotContain("Exception");
	}

	@Test
	void aPathThatIsNotThereStopsTheRunWithOneLine() throws Exception {
		Path missing = this.dir.resolve("no-such-file.csv");

		AppProcess.Finished output = run(producer(this.dir, this.dir.resolve("state")), missing.toString());

		assertThat(output.exit()).isEqualTo(2);
		assertThat(output.output()).contains("no such file or folder: " + missing).doesNotContain("Exception");
	}

	@Test
	void aFileThatGrowsWhileItIsReadIsNotMarkedPublishedAndTheNextRunSendsItAll() throws Exception {
		Path input = Files.createDirectories(this.dir.resolve("input"));
		Path file = Files.writeString(input.resolve("growing.csv"), HEADER + rows(0, 3000));
		Path state = this.dir.resolve("state");
		Process first = slowly(producer(input, state)).start(log());
		awaitFirstConfirm(state);
		Files.writeString(file, rows(3000, 10), StandardOpenOption.APPEND);

		AppProcess.Finished changed = finish(first);
		AppProcess.Finished again = run(producer(input, state));

		assertThat(changed.exit()).isEqualTo(1);
		assertThat(changed.output()).contains("growing.csv: changed while it was read").doesNotContain("Exception");
		assertThat(again.exit()).isZero();
		assertThat(again.output()).contains("growing.csv: changed since it was last published: publishing it anew");
		assertThat(valuesInQueue()).containsAll(expectedValues(0, 3010));
	}

	@Test
	void aFileTruncatedWhileItIsReadIsNotMarkedPublishedAndTheNextRunSendsWhatIsLeft() throws Exception {
		Path input = Files.createDirectories(this.dir.resolve("input"));
		Path file = Files.writeString(input.resolve("shrinking.csv"), HEADER + rows(0, 3000));
		Path state = this.dir.resolve("state");
		Process first = slowly(producer(input, state)).start(log());
		awaitFirstConfirm(state);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.truncate((HEADER + rows(0, 5)).length());
		}

		AppProcess.Finished changed = finish(first);
		AppProcess.Finished again = run(producer(input, state));

		assertThat(changed.exit()).isEqualTo(1);
		assertThat(changed.output()).contains("shrinking.csv: changed while it was read").doesNotContain("Exception");
		assertThat(again.exit()).isZero();
		assertThat(valuesInQueue()).containsAll(expectedValues(0, 5));
	}

	private AppProcess producer(Path input, Path state) {
		return AppProcess.of("producer-app")
			.broker(this.queue)
			.set("TARGET_FILE_DIR", input.toString())
			.set("PRODUCER_STATE_DIR", state.toString());
	}

	/** One row a message, each confirmed before the next: seconds for a few thousand. */
	private static AppProcess slowly(AppProcess producer) {
		return producer.set("PRODUCER_BATCH_ROWS", "1").set("PRODUCER_CONFIRM_WINDOW", "1");
	}

	private void awaitFirstConfirm(Path state) {
		Path journal = state.resolve("checkpoints.journal");
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> Files.exists(journal) && Files.size(journal) > 0);
	}

	private AppProcess.Finished run(AppProcess producer, String... arguments) throws Exception {
		return producer.run(log(), Duration.ofMinutes(2), arguments);
	}

	/** Waits for a producer started before, whose log is the latest. */
	private AppProcess.Finished finish(Process process) throws Exception {
		Path log = this.dir.resolve("run-" + this.runs + ".log");
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(() -> AppProcess.read(log)).isTrue();
		return new AppProcess.Finished(process.exitValue(), AppProcess.read(log));
	}

	private Path log() {
		return this.dir.resolve("run-" + (++this.runs) + ".log");
	}

	private List<Double> valuesInQueue() throws Exception {
		List<Double> values = new ArrayList<>();
		GetResponse message;
		while ((message = this.work.channel().basicGet(this.queue, true)) != null) {
			RecordCodec.decode(message.getBody()).stream().map(SensorRecord::value).forEach(values::add);
		}
		return values;
	}

	private static List<Double> expectedValues(int first, int count) {
		List<Double> values = new ArrayList<>();
		for (int i = first; i < first + count; i++) {
			values.add((double) i);
		}
		return values;
	}

	/** Rows of sensor {@code s}, one a second, whose value is their number. */
	private static String rows(int first, int count) {
		StringBuilder text = new StringBuilder();
		for (int i = first; i < first + count; i++) {
			text.append(String.format("2021-01-01T%02d:%02d:%02dZ,s,%d%n", i / 3600, i / 60 % 60, i % 60, i));
		}
		return text.toString();
	}

}
