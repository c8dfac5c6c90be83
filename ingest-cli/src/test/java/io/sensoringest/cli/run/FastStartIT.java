package io.sensoringest.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import io.sensoringest.testing.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's jar started the fast way: extracted once beside the jar, an archive made
 * by one start only, and used once the process that made it has exited.
 */
class FastStartIT {

	@TempDir
	Path dir;

	@Test
	void extractsOnceTrainsOnceAndThenUsesTheArchive() throws Exception {
		Path jar = Files.copy(AppProcess.jarPath("consumer-app"), this.dir.resolve("consumer-app.jar"));

		FastStart.Launch first = FastStart.launch(jar, List.of(), true);
		FastStart.Launch second = FastStart.launch(jar, List.of(), true);

		Path extracted = Path.of(first.arguments().get(first.arguments().size() - 1));
		assertThat(extracted).isRegularFile().hasFileName("consumer-app.jar").isNotEqualTo(jar.toAbsolutePath());
		assertThat(extracted.resolveSibling("lib")).isDirectory();
		assertThat(first.training()).isNotNull();
		assertThat(first.arguments()).contains("-XX:AOTCacheOutput=" + first.training());
		assertThat(second.training()).as("one start trains at a time").isNull();
		assertThat(second.arguments()).noneMatch((argument) -> argument.startsWith("-XX:AOTCache="))
			.endsWith("-jar", extracted.toString());

		Files.writeString(first.training(), "the archive a consumer wrote as it exited");
		FastStart.settle(first.training(), true);

		List<String> third = FastStart.launch(jar, List.of(), true).arguments();
		assertThat(third).contains("-XX:AOTCache=" + extracted.resolveSibling("app.aot"))
			.endsWith("-jar", extracted.toString());
		assertThat(first.training()).doesNotExist();
	}

	@Test
	void underAJavaAgentNoStartTrainsAndUnderAFlightRecordingNoneMapsTheArchive() throws Exception {
		Path jar = Files.copy(AppProcess.jarPath("consumer-app"), this.dir.resolve("consumer-app.jar"));

		FastStart.Launch agent = FastStart.launch(jar, List.of("-javaagent:/some/agent.jar"), true);
		assertThat(agent.training()).isNull();
		assertThat(agent.arguments()).noneMatch((argument) -> argument.startsWith("-XX:AOTCacheOutput"));

		FastStart.Launch first = FastStart.launch(jar, List.of(), true);
		Files.writeString(first.training(), "the archive a consumer wrote as it exited");
		FastStart.settle(first.training(), true);

		assertThat(FastStart.launch(jar, List.of("-javaagent:/some/agent.jar"), true).arguments())
			.anyMatch((argument) -> argument.startsWith("-XX:AOTCache="));
		FastStart.Launch recording = FastStart.launch(jar, List.of("-XX:StartFlightRecording=filename=x.jfr"), true);
		assertThat(recording.arguments())
			.noneMatch((argument) -> argument.startsWith("-XX:AOTCache=") || argument.startsWith("-XX:AOTCacheOutput"))
			.endsWith("-jar", extractedFolder(first).resolve("consumer-app.jar").toString());
	}

	@Test
	void aTrainingThatDidNotEndCleanlyLeavesNoClaimAndTheNextStartTrains() throws Exception {
		Path jar = Files.copy(AppProcess.jarPath("consumer-app"), this.dir.resolve("consumer-app.jar"));
		FastStart.Launch killed = FastStart.launch(jar, List.of(), true);

		FastStart.settle(killed.training(), false);

		assertThat(killed.training()).doesNotExist();
		FastStart.Launch next = FastStart.launch(jar, List.of(), true);
		assertThat(next.training()).isNotNull().isNotEqualTo(killed.training());
		assertThat(next.arguments()).noneMatch((argument) -> argument.startsWith("-XX:AOTCache="));
	}

	@Test
	void aRebuiltJarGetsAFolderOfItsOwnAndTheOldOneGoes() throws Exception {
		Path jar = Files.copy(AppProcess.jarPath("consumer-app"), this.dir.resolve("consumer-app.jar"));
		Path before = extractedFolder(FastStart.launch(jar, List.of(), false));

		Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
		Path after = extractedFolder(FastStart.launch(jar, List.of(), false));

		assertThat(after).isDirectory().isNotEqualTo(before);
		assertThat(before).doesNotExist();
	}

	private static Path extractedFolder(FastStart.Launch launch) {
		return Path.of(launch.arguments().get(launch.arguments().size() - 1)).getParent();
	}

	@Test
	void aJarThatCannotBeExtractedStartsAsItIs() throws Exception {
		Path jar = Files.writeString(this.dir.resolve("not-a-jar.jar"), "no zip");

		FastStart.Launch launch = FastStart.launch(jar, List.of(), true);

		assertThat(launch.arguments()).containsExactly("-jar", jar.toString());
		assertThat(launch.training()).isNull();
	}

}
