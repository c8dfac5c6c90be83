package io.sensoringest.cli.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Consumer processes started from the consumer's jar, each logging to a file of its own.
 * They start fast ({@link FastStart}). What they are doing is learnt from what they
 * expose on purpose: the port Spring Boot writes to {@code CONSUMER_PORT_FILE}, and
 * {@code /actuator/health/readiness}, which is UP once the poller runs. None outlives
 * this process: a shutdown hook stops them with SIGTERM (normal end, failure, Ctrl-C,
 * SIGTERM), and each is started with {@code CONSUMER_EXIT_WITH_PARENT=true}, so that it
 * stops by itself when this process is killed outright.
 */
public final class ConsumerProcesses {

	/**
	 * The status of a JVM that SIGTERM ended before the consumer's main method could take
	 * the signal over (128 + 15): stopped as asked, holding nothing, as when a
	 * {@code make run} finds nothing to publish while the consumer still starts.
	 */
	private static final int STOPPED_BEFORE_MAIN = 143;

	/**
	 * Made on first use: a new {@link HttpClient} sets up TLS, which took 0.2 s of a
	 * {@code make run} that never asks a consumer whether it is ready.
	 */
	private HttpClient http;

	private final List<Process> processes = new ArrayList<>();

	private final List<Path> portFiles = new ArrayList<>();

	private final List<Path> trainings = new ArrayList<>();

	private final Set<Integer> killed = new HashSet<>();

	private final Duration shutdownTimeout;

	private final Thread shutdownHook = new Thread(this::stopAll, "stop-consumers");

	private boolean hooked;

	/**
	 * Prepares to start consumers.
	 * @param shutdownTimeout how long one may take to stop on SIGTERM
	 */
	public ConsumerProcesses(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

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
		Path portFile = logDir.resolve("consumer-" + number + ".port").toAbsolutePath();
		Files.deleteIfExists(portFile);
		FastStart.Launch launch = FastStart.launch(jar, options, number == 0);
		List<String> command = new ArrayList<>();
		command.add(javaCommand());
		command.addAll(options);
		command.addAll(launch.arguments());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logDir.resolve("consumer-" + number + ".log").toFile());
		builder.environment().putAll(environment);
		builder.environment().put("CONSUMER_HTTP_PORT", "0");
		builder.environment().put("CONSUMER_PORT_FILE", portFile.toString());
		builder.environment().put("CONSUMER_EXIT_WITH_PARENT", "true");
		// the consumer's own idea of its parent is wrong when this process dies while
		// the consumer's JVM still starts
		builder.environment().put("SENSOR_INGEST_STARTER_PID", Long.toString(ProcessHandle.current().pid()));
		synchronized (this.processes) {
			if (!this.hooked) {
				Runtime.getRuntime().addShutdownHook(this.shutdownHook);
				this.hooked = true;
			}
			this.processes.add(builder.start());
			this.portFiles.add(portFile);
			this.trainings.add(launch.training());
		}
		return number;
	}

	/** Returns the numbers of the consumers that are running and polling. */
	public List<Integer> polling() {
		List<Integer> polling = new ArrayList<>();
		for (int i = 0; i < this.processes.size(); i++) {
			if (this.processes.get(i).isAlive() && isReady(i)) {
				polling.add(i);
			}
		}
		return polling;
	}

	private synchronized HttpClient http() {
		if (this.http == null) {
			this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		}
		return this.http;
	}

	/** Whether a consumer's readiness probe answers UP. */
	private boolean isReady(int number) {
		try {
			String port = Files.readString(this.portFiles.get(number)).strip();
			HttpRequest readiness = HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2))
				.build();
			return http().send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException | NumberFormatException ex) {
			// no port file yet, or not listening yet
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Sends a consumer SIGKILL and waits until it is gone; returns its process id. */
	public long kill(int number) throws InterruptedException {
		Process process = this.processes.get(number);
		this.killed.add(number);
		process.destroyForcibly();
		FastStart.settle(this.trainings.get(number), false);
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
				exits.add("consumer " + i + " exited " + process.exitValue() + " (see its log beside "
						+ this.portFiles.get(i) + ")");
			}
		}
		return exits;
	}

	/**
	 * Waits until every consumer not killed is ready, that is polling, so that a
	 * measurement of the pipeline does not count the consumers' start-up, and a consumer
	 * is not stopped before it can handle SIGTERM.
	 * @return whether all got there before the deadline, or false if one exited
	 */
	public boolean awaitPolling(long timeoutMillis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		for (int i = 0; i < this.processes.size(); i++) {
			while (!this.killed.contains(i) && !isReady(i)) {
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

	/** Returns each live consumer's peak resident memory in MiB, where Linux tells it. */
	List<Long> peakRssMib() {
		return this.processes.stream().map((p) -> PeakRss.ofProcess(p.pid())).toList();
	}

	/**
	 * Sends each consumer not killed SIGTERM, which makes it finish the batch in hand,
	 * and waits.
	 * @return the exit status of each (-1 where it had to be killed; 0 for one stopped
	 * before it started)
	 */
	public List<Integer> stop() throws InterruptedException {
		List<Integer> statuses = stopEach();
		synchronized (this.processes) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
				this.hooked = false;
			}
			catch (IllegalStateException ex) {
				// the JVM shuts down: the hook runs, or ran, anyway
			}
		}
		return statuses;
	}

	private List<Integer> stopEach() throws InterruptedException {
		List<Process> stopping = new ArrayList<>();
		for (int i = 0; i < this.processes.size(); i++) {
			if (!this.killed.contains(i)) {
				stopping.add(this.processes.get(i));
			}
		}
		stopping.forEach(Process::destroy);
		long waitMillis = this.shutdownTimeout.toMillis() + 10_000;
		List<Integer> statuses = new ArrayList<>();
		for (Process process : stopping) {
			int status = -1;
			if (process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
				status = process.exitValue();
			}
			else {
				process.destroyForcibly();
			}
			// an archive written as the JVM died of the signal holds only the classes
			// of its first moments
			FastStart.settle(this.trainings.get(this.processes.indexOf(process)), status == 0);
			statuses.add((status == STOPPED_BEFORE_MAIN) ? 0 : status);
		}
		return statuses;
	}

	/** The shutdown hook: whatever ends this process, the consumers stop first. */
	private void stopAll() {
		synchronized (this.processes) {
			if (this.processes.stream().noneMatch(Process::isAlive)) {
				return;
			}
			try {
				stopEach();
			}
			catch (InterruptedException ex) {
				this.processes.forEach(Process::destroyForcibly);
			}
		}
	}

	/** Returns this process's {@code java}. */
	static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Returns {@code java [options] -jar jar arguments} with this process's Java. */
	public static List<String> command(Path jar, List<String> options, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(javaCommand());
		command.addAll(options);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(List.of(arguments));
		return command;
	}

}
