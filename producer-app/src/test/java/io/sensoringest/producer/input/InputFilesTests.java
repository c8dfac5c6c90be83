package io.sensoringest.producer.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.sensoringest.producer.api.InputException;
import io.sensoringest.producer.api.InputFile;
import io.sensoringest.producer.settings.ProducerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputFilesTests {

	@TempDir
	Path dir;

	@Test
	void findsMatchingFilesRecursivelyInAStableOrder() throws IOException {
		touch("b.csv");
		touch("a.csv");
		touch("sub/c.csv");
		touch("notes.txt");
		touch(".a.csv.part");

		assertThat(InputFiles.find(List.of(), this.dir, ".csv")).extracting(InputFile::name)
			.containsExactly("a.csv", "b.csv", "sub/c.csv");
	}

	@Test
	void findsGzippedInputFilesButNoOtherCompressedFile() throws IOException {
		touch("a.csv.gz");
		touch("b.csv");
		touch("c.txt.gz");
		touch("d.gz");

		assertThat(InputFiles.find(List.of(), this.dir, ".csv")).extracting(InputFile::name)
			.containsExactly("a.csv.gz", "b.csv");
		assertThat(InputFiles.find(List.of(), this.dir, ".csv")).extracting(InputFile::compressed)
			.containsExactly(true, false);
	}

	@Test
	void takesFilesAndFoldersGivenOnTheCommandLine() throws IOException {
		Path one = touch("x/one.csv");
		touch("y/two.csv");

		assertThat(InputFiles.find(List.of(one.toString(), this.dir.resolve("y").toString()), this.dir, ".csv"))
			.extracting(InputFile::name)
			.containsExactly(one.toString(), "two.csv");
	}

	@Test
	void namesAPathThatDoesNotExist() {
		assertThatThrownBy(() -> InputFiles.find(List.of("/no/such/place.csv"), this.dir, ".csv"))
			.isInstanceOf(InputException.class)
			.hasMessage("no such file or folder: /no/such/place.csv");
	}

	@Test
	void namesAnInputFolderThatIsNotOne() {
		assertThatThrownBy(() -> InputFiles.find(List.of(), this.dir.resolve("missing"), ".csv"))
			.hasMessage("TARGET_FILE_DIR=" + this.dir.resolve("missing") + " is not a folder");
	}

	@Test
	void followsNoSymbolicLinkOutOfTheFolder(@TempDir Path outside) throws IOException {
		Path secret = Files.writeString(outside.resolve("secret.csv"), "x");
		Files.createSymbolicLink(this.dir.resolve("leak.csv"), secret);
		Path inside = touch("real.csv");
		Files.createSymbolicLink(this.dir.resolve("alias.csv"), inside);

		assertThat(InputFiles.find(List.of(), this.dir, ".csv")).extracting(InputFile::name)
			.containsExactly("alias.csv", "real.csv");
	}

	@Test
	void theDoneAndErrorFoldersAreNeverInputEvenInsideTheInputFolder() throws IOException {
		touch("a.csv");
		touch("done/sub/b.csv");
		touch("error/c.csv");
		touch("donor/d.csv");
		ProducerSettings settings = ProducerSettings
			.load(Map.of("RABBITMQ_USERNAME", "u", "TARGET_FILE_DIR", this.dir.toString(), "PRODUCER_DONE_DIR",
					this.dir.resolve("done").toString(), "PRODUCER_ERROR_DIR", this.dir.resolve("error").toString()));

		assertThat(InputFiles.find(List.of(), settings)).extracting(InputFile::name)
			.containsExactly("a.csv", "donor/d.csv");
		assertThat(InputFiles.find(List.of(this.dir.toString()), settings)).extracting(InputFile::name)
			.containsExactly("a.csv", "donor/d.csv");
	}

	private Path touch(String name) throws IOException {
		Path file = this.dir.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, "record_time,sensor_id,value\n");
	}

}
