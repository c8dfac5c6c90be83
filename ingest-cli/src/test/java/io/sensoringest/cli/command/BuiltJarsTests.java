package io.sensoringest.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltJarsTests {

	@TempDir
	Path root;

	@Test
	void findsTheBuildsJarFromTheCommandLinesFolderUpwards() throws IOException {
		Path consumer = jar(this.root.resolve("consumer-app/target/consumer-app.jar"));
		Path extracted = Files.createDirectories(this.root.resolve("ingest-cli/target/fast-1-2"));

		assertThat(BuiltJars.find("consumer-app", extracted)).isEqualTo(consumer);
		assertThat(BuiltJars.find("consumer-app", this.root.resolve("ingest-cli/target"))).isEqualTo(consumer);
	}

	@Test
	void aJarInTheSameFolderComesFirst() throws IOException {
		jar(this.root.resolve("consumer-app/target/consumer-app.jar"));
		Path beside = jar(this.root.resolve("dist/consumer-app.jar"));

		assertThat(BuiltJars.find("consumer-app", this.root.resolve("dist"))).isEqualTo(beside);
	}

	@Test
	void withoutOneItIsTheBuildPathBelowTheWorkingFolder() {
		assertThat(BuiltJars.find("producer-app", this.root))
			.isEqualTo(Path.of("producer-app/target/producer-app.jar"));
	}

	@Test
	void aJarBelowTheWorkingFolderIsShownRelativeToIt() {
		Path here = Path.of("").toAbsolutePath();
		assertThat(BuiltJars.shown(here.resolve("consumer-app/target/consumer-app.jar")))
			.isEqualTo(Path.of("consumer-app/target/consumer-app.jar").toString());
		assertThat(BuiltJars.shown(Path.of("/elsewhere/consumer-app.jar"))).isEqualTo("/elsewhere/consumer-app.jar");
	}

	@Test
	void readsAFileUrlAndTheOuterJarOfANestedOne() {
		assertThat(BuiltJars.location("file:/opt/x/ingest-cli.jar")).isEqualTo(Path.of("/opt/x/ingest-cli.jar"));
		assertThat(BuiltJars.location("jar:nested:/opt/x/ingest-cli.jar/!BOOT-INF/classes/!/"))
			.isEqualTo(Path.of("/opt/x/ingest-cli.jar"));
		assertThat(BuiltJars.location("jar:file:/opt/x/ingest-cli.jar!/")).isEqualTo(Path.of("/opt/x/ingest-cli.jar"));
		assertThat(BuiltJars.location("file:/work/ingest-cli/target/classes/"))
			.isEqualTo(Path.of("/work/ingest-cli/target/classes"));
	}

	private static Path jar(Path path) throws IOException {
		Files.createDirectories(path.getParent());
		return Files.writeString(path, "not really a jar");
	}

}
