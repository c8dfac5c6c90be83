package io.sensoringest.cli.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Consumer processes started from the consumer's jar, each logging to a file of its own.
 */
public final class ConsumerProcesses {

	/** What a consumer logs once it polls. */
	private static final String READY = "polling queue";

	private static final Pattern PORT = Pattern.compile("metrics and health on port (\\d+)");

	private static final Pattern ROWS_STORED = Pattern
		.compile("(?m)^sensor_ingest_consumer_rows_(?:already_)?stored_total(?:\\{[^}]*\\})? (\\S+)$");

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<Process> processes = new ArrayList<>();

	private final List<Path> logs = new ArrayList<>();

	private final Set<Integer> killed = new HashSet<>();

	/**
	 * Runs {@code java [options] -jar jar arguments} to the end and returns its status.
	 */
	public static int runToEnd(Path jar, List<String> options, String... arguments)
			throws IOException, InterruptedException {
		return new ProcessBuilder(command(jar, options, arguments)).inheritIO().start().waitFor();
	}

	/**
	 * Starts one more consumer, with the metrics port left to the system.
	 * @return its number, which names its log {@code consumer-<number>.log}
	 */
	public int start(Path jar, List<String> options, Map<String, String> environment, Path logDir) throws IOException {
		Files.createDirectories(logDir);
		int number = this.processes.size();
		Path log = logDir.resolve("consumer-" + number + ".log");
		ProcessBuilder builder = new ProcessBuilder(command(jar, options)).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		builder.environment().put("CONSUMER_HTTP_PORT", "0");
		this.processes.add(builder.start());
		this.logs.add(log);
		return number;
	}

	/** Returns the numbers of the consumers that are running and polling. */
	public List<Integer> polling() throws IOException {
		List<Integer> polling = new ArrayList<>();
		for (int i = 0; i < this.processes.size(); i++) {
			if (this.processes.get(i).isAlive() && Files.readString(this.logs.get(i)).contains(READY)) {
				polling.add(i);
			}
		}
		return polling;
	}

	/** Sends a consumer SIGKILL and waits until it is gone; returns its process id. */
	public long kill(int number) throws InterruptedException {
		Process process = this.processes.get(number);
		this.killed.add(number);
		process.destroyForcibly();
		process.waitFor();
		return process.pid();
	}

	/**
	 * Returns the consumers that exited though nobody stopped or killed them, as
	 * {@code consumer N exited S}.
	 */
	public List<String> exitedOnTheirOwn() {
		List<String> exits = new ArrayList<>();
		for (int i = 0; i < this.processes.size(); i++) {
			Process process = this.processes.get(i);
			if (!process.isAlive() && !this.killed.contains(i)) {
				exits.add("consumer " + i + " exited " + process.exitValue() + " (see " + this.logs.get(i) + ")");
			}
		}
		return exits;
	}

	/**
	 * Waits until every consumer not killed says it is polling, so that a measurement of
	 * the pipeline does not count the consumers' start-up, and a consumer is not stopped
	 * before it can handle SIGTERM.
	 * @return whether all got there before the deadline, or false if one exited
	 */
	public boolean awaitPolling(long timeoutMillis) throws InterruptedException, IOException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		for (int i = 0; i < this.processes.size(); i++) {
			while (!this.killed.contains(i) && !Files.readString(this.logs.get(i)).contains(READY)) {
				if (!this.processes.get(i).isAlive() || System.currentTimeMillis() > deadline) {
					return false;
				}
				Thread.sleep(50);
			}
		}
		return true;
	}

	boolean anyAlive() {
		return this.processes.stream().anyMatch(Process::isAlive);
	}

	/**
	 * Returns the rows the consumers have committed so far, from their
	 * {@code sensor_ingest_consumer_rows_stored_total} meters; -1 while one cannot be
	 * read.
	 */
	long rowsStored() {
		long total = 0;
		for (Path log : this.logs) {
			try {
				Matcher port = PORT.matcher(Files.readString(log));
				if (!port.find()) {
					return -1;
				}
				HttpResponse<String> metrics = this.http.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port.group(1) + "/actuator/prometheus"))
							.build(),
						HttpResponse.BodyHandlers.ofString());
				Matcher stored = ROWS_STORED.matcher(metrics.body());
				int found = 0;
				while (stored.find()) {
					total += (long) Double.parseDouble(stored.group(1));
					found++;
				}
				if (found != 2) {
					return -1;
				}
			}
			catch (IOException ex) {
				return -1;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return -1;
			}
		}
		return total;
	}

	/** Returns each live consumer's peak resident memory in MiB, where Linux tells it. */
	List<Long> peakRssMib() {
		return this.processes.stream().map((p) -> PeakRss.ofProcess(p.pid())).toList();
	}

	/**
	 * Sends each consumer not killed SIGTERM, which makes it finish the batch in hand,
	 * and waits.
	 * @return the exit status of each (-1 where it had to be killed)
	 */
	public List<Integer> stop(long timeoutMillis) throws InterruptedException {
		List<Process> stopping = new ArrayList<>();
		for (int i = 0; i < this.processes.size(); i++) {
			if (!this.killed.contains(i)) {
				stopping.add(this.processes.get(i));
			}
		}
		stopping.forEach(Process::destroy);
		List<Integer> statuses = new ArrayList<>();
		for (Process process : stopping) {
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

	/** Returns {@code java [options] -jar jar arguments} with this process's Java. */
	public static List<String> command(Path jar, List<String> options, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(List.of(arguments));
		return command;
	}

}
