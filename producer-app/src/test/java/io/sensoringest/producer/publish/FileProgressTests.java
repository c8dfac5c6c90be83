package io.sensoringest.producer.publish;

import java.nio.file.Path;

import io.sensoringest.producer.api.FileCheckpoint;
import io.sensoringest.producer.api.FileIdentity;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.publish.Chunk.Segment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileProgressTests {

	private static final FileIdentity VERSION = new FileIdentity(1, 1, "f");

	@Test
	void checkpointCoversOnlyAnUnbrokenRunOfConfirmedSegments() {
		FileProgress progress = progress(FileCheckpoint.start("/a.csv", VERSION, 7));
		Segment first = progress.segment(2, 10, 11);
		Segment second = progress.segment(12, 10, 21);
		Segment third = progress.segment(22, 4, 25);

		assertThat(progress.confirmed(second)).isFalse();
		assertThat(progress.checkpoint().confirmedLine()).isZero();
		assertThat(progress.confirmed(first)).isFalse();
		assertThat(progress.checkpoint().confirmedLine()).isEqualTo(21);
		assertThat(progress.checkpoint().rowsConfirmed()).isEqualTo(20);
		assertThat(progress.confirmed(third)).isFalse();

		assertThat(progress.readToEnd(3, 28)).isTrue();
		assertThat(progress.checkpoint()).isEqualTo(new FileCheckpoint("/a.csv", VERSION, 28, 24, 3, true, 7));
	}

	@Test
	void isCompleteWhenTheLastSegmentIsConfirmedAfterTheFileWasReadToItsEnd() {
		FileProgress progress = progress(FileCheckpoint.start("/a.csv", VERSION, 7));
		Segment only = progress.segment(2, 100, 101);

		assertThat(progress.readToEnd(0, 101)).isFalse();
		assertThat(progress.checkpoint().complete()).isFalse();
		assertThat(progress.confirmed(only)).isTrue();
		assertThat(progress.checkpoint().complete()).isTrue();
		assertThat(progress.confirmed(only)).as("completes once").isFalse();
	}

	@Test
	void namesEachSegmentByItsRowsAndWhereTheyStartAmongTheFilesValidRows() {
		FileCheckpoint resumed = new FileCheckpoint("/a.csv", VERSION, 1001, 1000, 0, false, 1000);
		FileProgress progress = progress(resumed);

		Segment first = progress.segment(1002, 300, 1301);
		Segment second = progress.segment(1302, 50, 1351);

		assertThat(first.metadata().messageId()).isEqualTo("f:1002:300");
		assertThat(first.metadata().firstRow()).isEqualTo(1000);
		assertThat(second.metadata().firstRow()).isEqualTo(1300);
		assertThat(second.sequence()).isEqualTo(1);
		assertThat(second.metadata().sourceFile()).isEqualTo("a.csv");
	}

	private static FileProgress progress(FileCheckpoint start) {
		return new FileProgress(new InputFile(Path.of("/a.csv"), "a.csv"), start);
	}

}
