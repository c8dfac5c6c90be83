package io.sensoringest.cli.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;

import io.sensoringest.producer.api.InputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file that no checkpoint here knows, as the compose stack's files are to {@code make
 * status} on the host: the ledger alone, by the file's fingerprint, says what is stored.
 */
class FileFactsTests {

	@TempDir
	Path folder;

	@Test
	void aFileWithoutACheckpointHereIsJudgedByTheLedgerUnderItsFingerprint() throws IOException {
		Path path = this.folder.resolve("a.csv");
		Files.writeString(path, """
				record_time,sensor_id,value
				2021-01-01T00:00:00Z,1,1.5
				2021-01-01T00:00:01Z,1,2.5
				2021-01-01T00:00:02Z,1,oops
				""");
		FileFacts facts = FileFacts.of(new InputFile(path, "a.csv"), Map.of(), ',', ZoneOffset.UTC);
		String fingerprint = facts.identity().fingerprint();

		assertThat(facts.status(Map.of(), false).state()).isEqualTo(FileState.NOT_PUBLISHED);
		assertThat(facts.status(Map.of(fingerprint, 1L), true).state()).isEqualTo(FileState.IN_FLIGHT);
		assertThat(facts.status(Map.of(fingerprint, 1L), false).state()).isEqualTo(FileState.INCOMPLETE);
		assertThat(facts.status(Map.of("0123456789abcdef", 2L), false).state()).as("another file's rows")
			.isEqualTo(FileState.NOT_PUBLISHED);
		FileStatus done = facts.status(Map.of(fingerprint, 2L), false);
		assertThat(done.state()).isEqualTo(FileState.DONE);
		assertThat(done).extracting(FileStatus::valid, FileStatus::confirmed, FileStatus::stored, FileStatus::rejected)
			.containsExactly(2L, 2L, 2L, 1L);
	}

}
