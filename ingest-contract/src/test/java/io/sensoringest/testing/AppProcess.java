package io.sensoringest.testing;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.sensoringest.contract.DotEnv;

/**
 * Starts one of the apps as a real process from its jar, pointed at the test servers, a
 * test's own database and queue, and whatever else the test sets. Where the test runs
 * under the JaCoCo agent, the child process gets it too, so its coverage counts.
 */
public final class AppProcess {

	private final Path jar;

	private final Map<String, String> environment = new HashMap<>();

	private final List<String> javaOptions = new ArrayList<>();

	private final List<String> prefix = new ArrayList<>();

	private AppProcess(Path jar) {
		this.jar = jar;
		ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter((argument) -> argument.startsWith("-javaagent:") && argument.contains("jacoco"))
			.forEach(this.javaOptions::add);
		this.javaOptions.add("-Xmx256m");
	}

	/**
	 * Returns a launcher for a module's jar, which the build makes before integration
	 * tests.
	 * @param module {@code producer-app} or {@code consumer-app}
	 */
	public static AppProcess of(String module) {
		return new AppProcess(jarPath(module));
	}

	/** Returns the path of a module's jar, which must have been built. */
	public static Path jarPath(String module) {
		Path jar = DotEnv.projectRoot(Path.of("")).resolve(module).resolve("target").resolve(module + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: integration tests run after `mvn package`");
		}
		return jar;
	}

	/** Points the app at the test servers, a database and a queue. */
	public AppProcess servers(TestDatabase database, String queue) {
		PostgresServer postgres = database.server();
		set("POSTGRES_HOST", postgres.host()).set("POSTGRES_PORT", Integer.toString(postgres.port()));
		set("POSTGRES_USERNAME", postgres.username()).set("POSTGRES_PASSWORD", postgres.password());
		set("POSTGRES_DATABASE", database.name());
		return broker(queue);
	}

	/**
	 * Points the app at the test broker and a queue, for an app that needs no database.
	 */
	public AppProcess broker(String queue) {
		TestServers.rabbit().settings(queue).forEach(this::set);
		return this;
	}

	/**
	 * Runs the process without root's power to read and search any file
	 * ({@code CAP_DAC_OVERRIDE}, {@code CAP_DAC_READ_SEARCH}), through {@code setpriv},
	 * so that file modes hold for it even when the tests run as root. It stays the same
	 * user, so it still reaches the jar and the test's folders wherever the clone lies.
	 */
	public AppProcess withoutReadOverride() {
		String caps = "-dac_override,-dac_read_search";
		this.prefix.addAll(List.of("setpriv", "--inh-caps=" + caps, "--bounding-set=" + caps));
		return this;
	}

	/** Sets one environment variable of the process. */
	public AppProcess set(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	/** Starts {@code java -jar} with the arguments, output to a log file. */
	public Process start(Path log, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(this.prefix);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.javaOptions);
		command.add("-jar");
		command.add(this.jar.toString());
		command.addAll(List.of(arguments));
		return start(command, log);
	}

	/**
	 * Starts {@code make} in the project's root with the targets, as a user types it, in
	 * this launcher's environment (which make's settings take over .env), output to a log
	 * file.
	 */
	public Process make(Path log, String... targets) throws IOException {
		List<String> command = new ArrayList<>(this.prefix);
		command.addAll(List.of("make", "--no-print-directory", "-C", DotEnv.projectRoot(Path.of("")).toString()));
		command.addAll(List.of(targets));
		return start(command, log);
	}

	private Process start(List<String> command, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(this.environment);
		// the processes the app starts in turn run under the same options
		builder.environment().put("CONSUMER_JAVA_OPTS", String.join(" ", this.javaOptions));
		builder.environment().put("PRODUCER_JAVA_OPTS", String.join(" ", this.javaOptions));
		return builder.start();
	}

	/**
	 * Starts the app and waits for it to exit.
	 * @param log where its output goes
	 * @param timeout how long it may take; longer kills it and fails with its output
	 * @return its exit status and its output
	 */
	public Finished run(Path log, Duration timeout, String... arguments) throws IOException, InterruptedException {
		Process process = start(log, arguments);
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor();
			throw new IllegalStateException("still running after " + timeout + ":\n" + read(log));
		}
		return new Finished(process.exitValue(), read(log));
	}

	/** Returns a log's text, for assertions and failure messages. */
	public static String read(Path log) {
		try {
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			return "(cannot read " + log + File.separator + ex.getMessage() + ")";
		}
	}

	/**
	 * How an app ended.
	 *
	 * @param exit its exit status
	 * @param output what it wrote
	 */
	public record Finished(int exit, String output) {

	}

}
