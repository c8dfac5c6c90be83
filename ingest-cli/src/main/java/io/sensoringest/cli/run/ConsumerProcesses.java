package io.sensoringest.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.sensoringest.contract.ParentWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer processes started from the consumer's jar, each logging to a file of its own.
 * They start the project's one way ({@link JarStart}). Once {@link #supervise
 * supervised}, one that exits though nobody asked it to (killed, out of memory, a crash)
 * is started again after a backoff, with one WARN line; one that keeps dying within
 * seconds of its start is given up on, with the end of its log, and {@link #gaveUp} says
 * so. What they are doing is learnt from what they expose on purpose: the port Spring
 * Boot writes to {@code CONSUMER_PORT_FILE}, and {@code /actuator/health/readiness},
 * which is UP once the poller runs. None outlives this process: a shutdown hook stops
 * them with SIGTERM (normal end, failure, Ctrl-C, SIGTERM), and each is started with
 * {@code CONSUMER_EXIT_WITH_PARENT=true}, so that it stops by itself when this process is
 * killed outright.
 */
public final class ConsumerProcesses {

	/**
	 * The status of a JVM that SIGTERM ended before the consumer's main method could take
	 * the signal over (128 + 15): stopped as asked, holding nothing, as when a
	 * {@code make run} finds nothing to publish while the consumer still starts.
	 */
	private static final int STOPPED_BEFORE_MAIN = 143;

	private static final long SUPERVISE_MILLIS = 200;

	private static final int LOG_LINES_SHOWN = 15;

	private static final Logger logger = LoggerFactory.getLogger(ConsumerProcesses.class);

	/**
	 * Made on first use: a new {@link HttpClient} sets up TLS, which took 0.2 s of a
	 * {@code make run} that never asks a consumer whether it is ready.
	 */
	private HttpClient http;

	private final List<Process> processes = new ArrayList<>();

	private final List<Launched> launched = new ArrayList<>();

	private final Set<Integer> killed = new HashSet<>();

	private volatile boolean stopping;

	private volatile String gaveUp;

	private Thread supervisor;

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
		return JarStart.of(jar, options, arguments).inheritIO().start().waitFor();
	}

	/**
	 * Starts one more consumer, with the metrics port left to the system.
	 * @return its number, which names its log {@code consumer-<number>.log}
	 */
	public int start(Path jar, List<String> options, Map<String, String> environment, Path logDir) throws IOException {
		Files.createDirectories(logDir);
		synchronized (this.processes) {
			int number = this.processes.size();
			Launched launch = new Launched(jar, options, environment, logDir.resolve("consumer-" + number + ".log"),
					logDir.resolve("consumer-" + number + ".port").toAbsolutePath());
			if (!this.hooked) {
				Runtime.getRuntime().addShutdownHook(this.shutdownHook);
				this.hooked = true;
			}
			this.processes.add(launch.start(false));
			this.launched.add(launch);
			return number;
		}
	}

	/**
	 * From now on, starts a consumer again that exits though it was neither stopped nor
	 * killed on purpose: after {@value #SUPERVISE_MILLIS} ms at most plus a backoff of
	 * {@link Restarts#FIRST_RESTART_DELAY}, doubled for each time it died within
	 * {@link Restarts#QUICK_DEATH} of its start; after
	 * {@value Restarts#YOUNG_DEATHS_GIVEN_UP} such deaths in a row it stays down and
	 * {@link #gaveUp} says why.
	 * @param onGiveUp called once, from the supervising thread, when a consumer is given
	 * up
	 */
	public void supervise(Runnable onGiveUp) {
		Thread thread = new Thread(() -> {
			Restarts restarts = new Restarts();
			while (!this.stopping && this.gaveUp == null) {
				try {
					Thread.sleep(SUPERVISE_MILLIS);
					superviseOnce(restarts);
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (IOException ex) {
					this.gaveUp = "a consumer could not be started again: " + ex.getMessage();
					logger.error(this.gaveUp);
				}
			}
			if (this.gaveUp != null) {
				onGiveUp.run();
			}
		}, "supervise-consumers");
		thread.setDaemon(true);
		this.supervisor = thread;
		thread.start();
	}

	private void superviseOnce(Restarts restarts) throws IOException {
		synchronized (this.processes) {
			long now = System.nanoTime();
			for (int i = 0; i < this.processes.size() && !this.stopping; i++) {
				Process process = this.processes.get(i);
				if (this.killed.contains(i) || process.isAlive()) {
					continue;
				}
				Launched launch = this.launched.get(i);
				if (restarts.pending(i)) {
					if (restarts.due(i, now)) {
						this.processes.set(i, launch.start(true));
						restarts.started(i, now);
					}
					continue;
				}
				int status = process.exitValue();
				Duration ranFor = Duration.ofNanos(now - restarts.startedAt(i));
				int youngDeaths = restarts.died(i, ranFor.compareTo(Restarts.QUICK_DEATH) < 0);
				if (youngDeaths >= Restarts.YOUNG_DEATHS_GIVEN_UP) {
					this.gaveUp = String.format(
							"consumer %d exited %d %d times within %d s of its start: not starting it again. %s ends:%n%s",
							i, status, youngDeaths, Restarts.QUICK_DEATH.toSeconds(), launch.log(), tail(launch.log()));
					logger.error(this.gaveUp);
					return;
				}
				Duration delay = Restarts.FIRST_RESTART_DELAY.multipliedBy(1L << youngDeaths);
				restarts.restartAfter(i, now, delay);
				logger.warn("consumer {} exited {}{} after {} s: starting it again in {} s (log: {})", i, status,
						describe(status), ranFor.toSeconds(), delay.toSeconds(), launch.log());
			}
		}
	}

	/** What an exit status of a JVM means, where it says. */
	static String describe(int status) {
		return switch (status) {
			case 137 -> " (killed: SIGKILL, or the system out of memory)";
			case 143 -> " (SIGTERM from outside this run)";
			case 134 -> " (aborted: a JVM crash)";
			default -> "";
		};
	}

	/**
	 * Returns why supervision gave a consumer up, with the end of its log, or
	 * {@code null}.
	 */
	public String gaveUp() {
		return this.gaveUp;
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(),
					lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(" + log + " cannot be read: " + ex.getMessage() + ")";
		}
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
			String port = Files.readString(this.launched.get(number).portFile()).strip();
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
		long pid = JarStart.jvm(process).pid();
		JarStart.kill(process);
		process.waitFor();
		return pid;
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
						+ this.launched.get(i).portFile() + ")");
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

	/** Returns each live consumer's peak resident memory in MiB, where Linux tells it. */
	List<Long> peakRssMib() {
		return this.processes.stream().map((p) -> PeakRss.ofProcess(JarStart.jvm(p).pid())).toList();
	}

	/**
	 * Sends each consumer that runs and was not killed SIGTERM, which makes it finish the
	 * batch in hand, and waits.
	 * @return the exit status of each (-1 where it had to be killed; 0 for one stopped
	 * before it started); none for a consumer that was no longer running
	 */
	public List<Integer> stop() throws InterruptedException {
		this.stopping = true;
		if (this.supervisor != null) {
			this.supervisor.interrupt();
			this.supervisor.join();
		}
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
			Process process = this.processes.get(i);
			if (this.killed.contains(i)) {
				continue;
			}
			if (process.isAlive()) {
				stopping.add(process);
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
				JarStart.kill(process);
			}
			statuses.add((status == STOPPED_BEFORE_MAIN) ? 0 : status);
		}
		return statuses;
	}

	/** The shutdown hook: whatever ends this process, the consumers stop first. */
	private void stopAll() {
		this.stopping = true;
		synchronized (this.processes) {
			if (this.processes.stream().noneMatch(Process::isAlive)) {
				return;
			}
			try {
				stopEach();
			}
			catch (InterruptedException ex) {
				this.processes.forEach(JarStart::kill);
			}
		}
	}

	/**
	 * How one consumer was started, to start it again the same way.
	 *
	 * @param log its log, written anew at the first start and added to at each restart
	 * @param portFile where Spring Boot writes its metrics port
	 */
	private record Launched(Path jar, List<String> options, Map<String, String> environment, Path log, Path portFile) {

		Process start(boolean again) throws IOException {
			Files.deleteIfExists(this.portFile);
			ProcessBuilder builder = JarStart.of(this.jar, this.options)
				.redirectErrorStream(true)
				.redirectOutput(again ? Redirect.appendTo(this.log.toFile()) : Redirect.to(this.log.toFile()));
			builder.environment().putAll(this.environment);
			builder.environment().put("CONSUMER_HTTP_PORT", "0");
			builder.environment().put("CONSUMER_PORT_FILE", this.portFile.toString());
			builder.environment().put("CONSUMER_EXIT_WITH_PARENT", "true");
			// the consumer's own idea of its parent is wrong when this process dies while
			// the consumer's JVM still starts
			builder.environment().put(ParentWatch.STARTER_PID, Long.toString(ProcessHandle.current().pid()));
			return builder.start();
		}

	}

}
