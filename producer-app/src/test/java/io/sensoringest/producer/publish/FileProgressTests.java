package io.sensoringest.producer.publish;

import java.io.IOException;
import java.nio.file.Path;

import io.sensoringest.contract.ChunkMetadata;
import io.sensoringest.producer.input.FileIdentity;
import io.sensoringest.producer.publish.Chunk;
import io.sensoringest.producer.checkpoint.CheckpointStore;
import io.sensoringest.producer.checkpoint.FileCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FileProgressTests {

	@TempDir
	Path dir;

	@Test
	void checkpointCoversOnlyAnUnbrokenRunOfConfirmedChunks() throws IOException {
		try (CheckpointStore store = CheckpointStore.open(this.dir)) {
			FileProgress progress = new FileProgress(FileCheckpoint.start("/a.csv", new FileIdentity(1, 1, "f"), 7),
					store);

			progress.confirmed(chunk(1, 12, 21));
			assertThat(progress.checkpoint().confirmedLine()).isZero();
			progress.confirmed(chunk(0, 2, 11));
			assertThat(progress.checkpoint().confirmedLine()).isEqualTo(21);
			assertThat(progress.checkpoint().rowsConfirmed()).isEqualTo(20);
			progress.confirmed(chunk(2, 22, 25));

			FileCheckpoint done = progress.complete(3, 28);
			assertThat(done).isEqualTo(new FileCheckpoint("/a.csv", new FileIdentity(1, 1, "f"), 28, 24, 3, true, 7));
			assertThat(store.get("/a.csv")).contains(done);
		}
	}

	private static Chunk chunk(long sequence, long firstLine, long lastLine) {
		int rows = (int) (lastLine - firstLine + 1);
		return new Chunk(ChunkMetadata.of("f", "a.csv", firstLine, rows, firstLine - 1), sequence, lastLine,
				new byte[0]);
	}

}
