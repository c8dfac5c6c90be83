package io.sensoringest.producer.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Consumer processes started from the consumer's jar, each logging to a file of its own.
 */
final class ConsumerProcesses {

	private final List<Process> processes = new ArrayList<>();

	private final List<Path> logs = new ArrayList<>();

	/**
	 * Runs {@code java [options] -jar jar arguments} to the end and returns its status.
	 */
	static int runToEnd(Path jar, List<String> options, String... arguments) throws IOException, InterruptedException {
		return new ProcessBuilder(command(jar, options, arguments)).inheritIO().start().waitFor();
	}

	/** Starts one more consumer, with the metrics port left to the system. */
	void start(Path jar, List<String> options, Path logDir) throws IOException {
		Files.createDirectories(logDir);
		Path log = logDir.resolve("consumer-" + this.processes.size() + ".log");
		ProcessBuilder builder = new ProcessBuilder(command(jar, options)).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("CONSUMER_HTTP_PORT", "0");
		this.processes.add(builder.start());
		this.logs.add(log);
	}

	List<Path> logs() {
		return this.logs;
	}

	boolean anyAlive() {
		return this.processes.stream().anyMatch(Process::isAlive);
	}

	/** Returns each live consumer's peak resident memory in MiB, where Linux tells it. */
	List<Long> peakRssMib() {
		return this.processes.stream().map((p) -> PeakRss.ofProcess(p.pid())).toList();
	}

	/**
	 * Sends each consumer SIGTERM, which makes it finish the batch in hand, and waits.
	 * @return each one's exit status (-1 where it had to be killed)
	 */
	List<Integer> stop(long timeoutMillis) throws InterruptedException {
		this.processes.forEach(Process::destroy);
		List<Integer> statuses = new ArrayList<>();
		for (Process process : this.processes) {
			if (process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
				statuses.add(process.exitValue());
			}
			else {
				process.destroyForcibly();
				statuses.add(-1);
			}
		}
		return statuses;
	}

	private static List<String> command(Path jar, List<String> options, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(List.of(arguments));
		return command;
	}

}
