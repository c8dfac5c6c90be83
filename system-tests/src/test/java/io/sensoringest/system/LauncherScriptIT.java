package io.sensoringest.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.sensoringest.contract.DotEnv;
import io.sensoringest.testing.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/start-jar.sh}, how the project starts every JVM (the make targets the
 * command line and the apps, the command line the consumers and the migration): from the
 * jar's extracted form with an AOT cache per command, made by the first run of that
 * command that exits 0. Each test works on a copy of the command line's jar of its own.
 */
class LauncherScriptIT {

	/**
	 * How -Xlog:class+load says that a class of the command line came from an AOT cache.
	 */
	private static final String FROM_CACHE = "io.sensoringest.cli.IngestCli source: shared objects file";

	private static final Path SCRIPT = DotEnv.projectRoot(Path.of("")).resolve("scripts").resolve("start-jar.sh");

	@TempDir
	Path dir;

	@Test
	void theFirstCleanRunOfACommandMakesItsArchiveAndTheNextUsesIt() throws Exception {
		Path jar = copyOfTheJar();

		Result failed = run(jar, List.of(), "generate", "--no-such-option");
		assertThat(failed.status()).isEqualTo(2);
		Path extracted = extracted();
		assertThat(extracted.getFileName().toString()).startsWith("ingest-cli.fast-");
		assertThat(extracted.resolve("ingest-cli.jar")).isRegularFile();
		assertThat(archives(extracted)).as("a failed run leaves no archive, and no claim").isEmpty();

		Result first = run(jar, List.of(), "generate", "--help");
		assertThat(first.status()).as(first.output()).isZero();
		assertThat(first.output()).contains("Usage: ingest generate");
		assertThat(archives(extracted)).containsExactly("generate.aot");

		Result second = run(jar, List.of("-Xlog:class+load=info"), "generate", "--help");
		assertThat(second.status()).isZero();
		// the JDK's own classes come from its default archive either way: the command
		// line's come from the command's AOT cache
		assertThat(second.output()).contains("Usage: ingest generate").contains(FROM_CACHE);
	}

	@Test
	void underAFlightRecordingTheCommandStartsWithoutAnArchive() throws Exception {
		Path jar = copyOfTheJar();
		assertThat(run(jar, List.of(), "generate", "--help").status()).isZero();

		Result recorded = run(jar,
				List.of("-XX:StartFlightRecording=filename=" + this.dir.resolve("run.jfr"), "-Xlog:class+load=info"),
				"generate", "--help");

		assertThat(recorded.status()).as(recorded.output()).isZero();
		assertThat(recorded.output()).contains("Usage: ingest generate")
			.contains("io.sensoringest.cli.IngestCli source: file:")
			.doesNotContain(FROM_CACHE)
			.doesNotContain("fatal error");
	}

	@Test
	void underAJavaAgentNoArchiveIsMade() throws Exception {
		Path jar = copyOfTheJar();
		// the JDK's own debugging agent, where the tests run under JaCoCo's
		Result covered = run(jar, List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:0"),
				"generate", "--help");

		assertThat(covered.status()).as(covered.output()).isZero();
		assertThat(archives(extracted())).isEmpty();
	}

	@Test
	void whileAnotherStartMakesTheArchiveNoneIsMadeAndAClaimLeftByAKilledStartGoes() throws Exception {
		Path jar = copyOfTheJar();
		assertThat(run(jar, List.of(), "generate", "--no-such-option").status()).isEqualTo(2);
		Path claim = Files.writeString(extracted().resolve("generate.aot.training"), "");

		assertThat(run(jar, List.of(), "generate", "--help").status()).isZero();
		assertThat(archives(extracted())).as("the claim's owner makes it").containsExactly("generate.aot.training");

		Files.setLastModifiedTime(claim, FileTime.from(Instant.now().minus(Duration.ofMinutes(11))));
		assertThat(run(jar, List.of(), "generate", "--help").status()).isZero();
		assertThat(archives(extracted())).containsExactly("generate.aot");
	}

	@Test
	void aRebuiltJarGetsAFolderOfItsOwnAndTheOldOneGoes() throws Exception {
		Path jar = copyOfTheJar();
		assertThat(run(jar, List.of(), "generate", "--no-such-option").status()).isEqualTo(2);
		Path before = extracted();

		Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
		assertThat(run(jar, List.of(), "generate", "--no-such-option").status()).isEqualTo(2);

		assertThat(extracted()).isDirectory().isNotEqualTo(before);
		assertThat(before).doesNotExist();
	}

	@Test
	void aJarThatCannotBeExtractedStartsAsItIs() throws Exception {
		Path jar = Files.writeString(this.dir.resolve("not-a-jar.jar"), "no zip");

		Result result = run(jar, List.of(), "generate");

		assertThat(result.status()).isNotZero();
		assertThat(result.output()).contains("not-a-jar.jar");
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files.map((path) -> path.getFileName().toString())).containsOnly("not-a-jar.jar", "script.log");
		}
	}

	private Path copyOfTheJar() throws IOException {
		return Files.copy(AppProcess.jarPath("ingest-cli"), this.dir.resolve("ingest-cli.jar"));
	}

	private Result run(Path jar, List<String> options, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), jar.toString()));
		command.addAll(options);
		command.add("--");
		command.addAll(List.of(arguments));
		Path log = this.dir.resolve("script.log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
		Process process = builder.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), Files.readString(log));
	}

	private Path extracted() throws IOException {
		try (Stream<Path> folders = Files.list(this.dir)) {
			return folders.filter((path) -> path.getFileName().toString().contains(".fast-")).findFirst().orElseThrow();
		}
	}

	private static List<String> archives(Path extracted) throws IOException {
		try (Stream<Path> files = Files.list(extracted)) {
			return files.map((path) -> path.getFileName().toString()).filter((name) -> name.contains(".aot")).toList();
		}
	}

	private record Result(int status, String output) {

	}

}
