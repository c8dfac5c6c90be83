package io.sensoringest.producer.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.FileIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointStoreTests {

	@TempDir
	Path dir;

	private final FileIdentity identity = new FileIdentity(100, 1234, "0123456789abcdef");

	@Test
	void keepsTheLastCheckpointOfEachFileAcrossReopening() throws IOException {
		try (CheckpointStore store = CheckpointStore.open(this.dir)) {
			store.save(new FileCheckpoint("/a.csv", this.identity, 10, 9, 0, false));
			store.save(new FileCheckpoint("/a.csv", this.identity, 20, 19, 0, false));
			store.save(new FileCheckpoint("/b\tc.csv", this.identity, 5, 4, 1, true));
		}
		try (CheckpointStore store = CheckpointStore.open(this.dir)) {
			assertThat(store.get("/a.csv")).contains(new FileCheckpoint("/a.csv", this.identity, 20, 19, 0, false));
			assertThat(store.get("/b\tc.csv")).hasValueSatisfying((c) -> assertThat(c.complete()).isTrue());
			assertThat(store.all()).hasSize(2);
		}
	}

	@Test
	void journalAloneSurvivesAKillWithoutClose() throws IOException {
		CheckpointStore killed = CheckpointStore.open(this.dir);
		killed.save(new FileCheckpoint("/a.csv", this.identity, 30, 29, 0, false));
		// no close(): as after kill -9; then a write cut short in the middle of a line
		Files.writeString(this.dir.resolve("checkpoints.journal"), "/a.csv\t100\t12", StandardOpenOption.APPEND);

		try (CheckpointStore store = CheckpointStore.open(this.dir)) {
			assertThat(store.get("/a.csv")).hasValueSatisfying((c) -> assertThat(c.confirmedLine()).isEqualTo(30));
		}
	}

	@Test
	void keepsTheSizeAFileIsPublishedInAndReadsAnOlderProducersLines() throws IOException {
		try (CheckpointStore store = CheckpointStore.open(this.dir)) {
			store.save(FileCheckpoint.start("/a.csv", this.identity, 250).confirmed(10, 9));
		}
		Files.writeString(this.dir.resolve("checkpoints.journal"),
				"/old.csv\t100\t1234\t0123456789abcdef\t5\t4\t0\ttrue\n", StandardOpenOption.APPEND);

		try (CheckpointStore store = CheckpointStore.open(this.dir)) {
			assertThat(store.get("/a.csv")).hasValueSatisfying((c) -> assertThat(c.batchRows()).isEqualTo(250));
			assertThat(store.get("/old.csv")).hasValueSatisfying((c) -> {
				assertThat(c.complete()).isTrue();
				assertThat(c.batchRows()).isZero();
			});
		}
	}

}
