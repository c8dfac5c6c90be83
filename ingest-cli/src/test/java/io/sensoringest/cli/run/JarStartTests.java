package io.sensoringest.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the command line starts a jar: through the project's start script where the build
 * lays one out above the jar, else as {@code java -jar}.
 */
class JarStartTests {

	@TempDir
	Path dir;

	@Test
	void aJarOfTheBuildStartsThroughTheScriptAboveIt() throws Exception {
		Path script = Files.createDirectories(this.dir.resolve("scripts")).resolve("start-jar.sh");
		Files.writeString(script, "exit 0");
		Path jar = Files.createDirectories(this.dir.resolve("consumer-app/target")).resolve("consumer-app.jar");

		ProcessBuilder start = JarStart.of(jar, List.of("-Xmx64m"), "migrate");

		assertThat(start.command()).containsExactly("bash", script.toString(), jar.toString(), "-Xmx64m", "--",
				"migrate");
		assertThat(start.environment()).containsEntry("JAVA", JarStart.javaCommand());
	}

	@Test
	void aJarWithNoScriptAboveItStartsAsItIs() {
		Path jar = this.dir.resolve("consumer-app.jar");

		assertThat(JarStart.of(jar, List.of("-Xmx64m")).command()).containsExactly(JarStart.javaCommand(), "-Xmx64m",
				"-jar", jar.toString());
	}

	@Test
	void killEndsTheProcessAndWhatItStarted() throws Exception {
		Process script = new ProcessBuilder("bash", "-c", "sleep 300 & wait").start();
		await().atMost(10, TimeUnit.SECONDS).until(() -> script.children().findAny().isPresent());
		ProcessHandle child = JarStart.jvm(script);
		assertThat(child.pid()).isNotEqualTo(script.pid());

		JarStart.kill(script);

		assertThat(script.waitFor(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(10, TimeUnit.SECONDS).until(() -> !child.isAlive());
	}

}
