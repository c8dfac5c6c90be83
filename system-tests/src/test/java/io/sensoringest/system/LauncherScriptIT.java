package io.sensoringest.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.sensoringest.contract.Settings;
import io.sensoringest.testing.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/ingest.sh}, how the make targets start the command line: from the jar's
 * extracted form with a class archive per command, made by the first run of that command
 * that exits 0. Each test works on a copy of the jar of its own.
 */
class LauncherScriptIT {

	/**
	 * How -Xlog:class+load says that a class of the command line came from an AOT cache.
	 */
	private static final String FROM_CACHE = "io.sensoringest.cli.IngestCli source: shared objects file";

	private static final Path SCRIPT = Settings.projectRoot(Path.of("")).resolve("scripts").resolve("ingest.sh");

	@TempDir
	Path dir;

	@Test
	void theFirstCleanRunOfACommandMakesItsArchiveAndTheNextUsesIt() throws Exception {
		Path jar = Files.copy(AppProcess.jarPath("ingest-cli"), this.dir.resolve("ingest-cli.jar"));

		Result failed = run(jar, Map.of(), "generate", "--no-such-option");
		assertThat(failed.status()).isEqualTo(2);
		Path extracted = extracted();
		assertThat(extracted.resolve("ingest-cli.jar")).isRegularFile();
		assertThat(archives(extracted)).as("a failed run leaves no archive").isEmpty();

		Result first = run(jar, Map.of(), "generate", "--help");
		assertThat(first.status()).as(first.output()).isZero();
		assertThat(first.output()).contains("Usage: ingest generate");
		assertThat(archives(extracted)).containsExactly("generate.aot");

		Result second = run(jar, Map.of("PRODUCER_JAVA_OPTS", "-Xlog:class+load=info"), "generate", "--help");
		assertThat(second.status()).isZero();
		// the JDK's own classes come from its default archive either way: the command
		// line's come from the command's AOT cache
		assertThat(second.output()).contains("Usage: ingest generate").contains(FROM_CACHE);
	}

	@Test
	void underAFlightRecordingTheCommandStartsWithoutAnArchive() throws Exception {
		Path jar = Files.copy(AppProcess.jarPath("ingest-cli"), this.dir.resolve("ingest-cli.jar"));
		assertThat(run(jar, Map.of(), "generate", "--help").status()).isZero();

		Result recorded = run(jar,
				Map.of("PRODUCER_JAVA_OPTS",
						"-XX:StartFlightRecording=filename=" + this.dir.resolve("run.jfr") + " -Xlog:class+load=info"),
				"generate", "--help");

		assertThat(recorded.status()).as(recorded.output()).isZero();
		assertThat(recorded.output()).contains("Usage: ingest generate")
			.contains("io.sensoringest.cli.IngestCli source: file:")
			.doesNotContain(FROM_CACHE)
			.doesNotContain("fatal error");
	}

	private Result run(Path jar, Map<String, String> environment, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of(SCRIPT.toString(), jar.toString()));
		command.addAll(List.of(arguments));
		Path log = this.dir.resolve("script.log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().remove("PRODUCER_JAVA_OPTS");
		builder.environment().putAll(environment);
		Process process = builder.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), Files.readString(log));
	}

	private Path extracted() throws IOException {
		try (Stream<Path> folders = Files.list(this.dir)) {
			return folders.filter((path) -> path.getFileName().toString().startsWith("fast-"))
				.findFirst()
				.orElseThrow();
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
