package io.sensoringest.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.sensoringest.cli.command.Folders;
import io.sensoringest.cli.run.JarStart;
import io.sensoringest.cli.run.RunCpu;

/**
 * The whole {@code run} command, as {@code make run} starts it, timed from its start to
 * its exit: JVM start-ups, migrations, consumers starting, publishing, the last row and
 * the consumers stopping, all of what a user waits for.
 */
final class WholeRun {

	private final Path cliJar;

	private final Path consumerJar;

	private final List<String> javaOptions;

	/**
	 * Prepares the command.
	 * @param cliJar this command line's jar
	 * @param javaOptions its JVM options ({@code PRODUCER_JAVA_OPTS}, as make gives them)
	 */
	WholeRun(Path cliJar, Path consumerJar, List<String> javaOptions) {
		this.cliJar = cliJar;
		this.consumerJar = consumerJar;
		this.javaOptions = javaOptions;
	}

	/**
	 * What one run took: its wall seconds, and the CPU seconds it says it spent.
	 *
	 * @param seconds from its start to its exit
	 * @param cpu its last {@code cpu:} line
	 */
	record Result(double seconds, RunCpu cpu) {
	}

	/**
	 * Runs it over a folder with a state of its own.
	 * @throws IOException if it does not exit 0, or does not say what CPU it spent
	 */
	Result run(Path dataDir, Path stateDir, Path log) throws IOException, InterruptedException {
		Folders.deleteRecursively(stateDir);
		ProcessBuilder run = JarStart.of(this.cliJar, this.javaOptions, "run", "--consumer-jar=" + this.consumerJar)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		run.environment().put("TARGET_FILE_DIR", dataDir.toAbsolutePath().toString());
		run.environment().put("PRODUCER_STATE_DIR", stateDir.toAbsolutePath().toString());
		Files.createDirectories(log.getParent());
		long started = System.nanoTime();
		int status = run.start().waitFor();
		double seconds = (System.nanoTime() - started) / 1e9;
		if (status != 0) {
			throw new IOException("the run command exited " + status + " (output in " + log + ")");
		}
		RunCpu cpu = RunCpu.find(Files.readString(log));
		if (cpu == null) {
			throw new IOException("the run command did not say what CPU it spent (output in " + log + ")");
		}
		return new Result(seconds, cpu);
	}

	/**
	 * Returns the jar this process was started from: the one {@code scripts/start-jar.sh}
	 * was given (the JVM runs from its extracted copy, which starts without the AOT
	 * cache), else the one of {@code java -jar}.
	 */
	static Path thisJar() {
		Path path = Path.of(System.getProperty("sensor-ingest.jar", System.getProperty("java.class.path")));
		return (path.toString().endsWith(".jar") && Files.isRegularFile(path)) ? path : null;
	}

}
