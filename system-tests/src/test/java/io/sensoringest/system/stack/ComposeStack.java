package io.sensoringest.system.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.sensoringest.testing.PostgresServer;
import io.sensoringest.testing.Rows;
import io.sensoringest.testing.TestDatabase;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One compose stack on a real Docker engine, as a user starts it: a copy of the working
 * tree in a folder of its own, driven through its Makefile ({@code make up}, {@code make
 * down}, {@code make status}) and {@code docker compose}, under a Compose project name
 * and host ports of its own, so it never meets this machine's servers, a user's stack or
 * another test's. The ports are published on 127.0.0.1, as {@code .env} ships.
 *
 * <p>
 * Without an engine the tests that use it are skipped, except in CI ({@code CI=true}),
 * where {@code .ci/run} provides one and they must run.
 */
final class ComposeStack implements AutoCloseable {

	private static final Duration COMMAND_DEADLINE = Duration.ofMinutes(10);

	private static final List<String> PORT_SETTINGS = List.of("POSTGRES_PORT", "RABBITMQ_PORT", "RABBITMQ_WEBAPP_PORT",
			"PROMETHEUS_PORT", "GRAFANA_PORT");

	private final Path dir;

	private final String project;

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final Map<String, String> dotEnv = StackFiles.dotEnv();

	private int commands;

	private ComposeStack(Path dir, String project) {
		this.dir = dir;
		this.project = project;
	}

	/**
	 * Copies the working tree (the files git tracks and the new ones it does not ignore)
	 * and the command line's built jar into a new folder, for a stack named after the
	 * test.
	 */
	static ComposeStack copyOfWorkingTree(String name) throws IOException {
		requireEngine();
		Path dir = Files.createTempDirectory("stack-" + name + "-");
		Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
			.directory(StackFiles.ROOT.toFile())
			.redirectErrorStream(true)
			.start();
		for (String file : new String(git.getInputStream().readAllBytes()).split("\0")) {
			Path from = StackFiles.ROOT.resolve(file);
			if (!file.isEmpty() && Files.isRegularFile(from)) {
				Path to = dir.resolve(file);
				Files.createDirectories(to.getParent());
				Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
			}
		}
		// make's rules rebuild a jar older than its sources: the copy's is made new
		Path jar = dir.resolve("ingest-cli/target/ingest-cli.jar");
		Files.createDirectories(jar.getParent());
		Files.copy(StackFiles.ROOT.resolve("ingest-cli/target/ingest-cli.jar"), jar);
		Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
		ComposeStack stack = new ComposeStack(dir, "sensor-ingest-it-" + name + "-" + ProcessHandle.current().pid());
		stack.environment.put("COMPOSE_PROJECT_NAME", stack.project);
		stack.environment.put("POSTGRES_HOST", "127.0.0.1");
		stack.environment.put("RABBITMQ_HOST", "127.0.0.1");
		for (String port : PORT_SETTINGS) {
			stack.environment.put(port, Integer.toString(freePort()));
		}
		return stack;
	}

	private static void requireEngine() {
		boolean engine;
		try {
			engine = new ProcessBuilder("docker", "info").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor() == 0;
		}
		catch (IOException ex) {
			engine = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (!engine && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException(
					"no Docker engine answers: .ci/run starts one (scripts/docker-standins.sh)");
		}
		Assumptions.assumeTrue(engine,
				"no Docker engine answers: ../shared/docker-standins/setup.sh gives this machine one");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Sets a setting for every command from now on, as a user's environment would.
	 * @return this stack
	 */
	ComposeStack with(String setting, String value) {
		this.environment.put(setting, value);
		return this;
	}

	/** Returns the input folder the stack's producer watches. */
	Path input() {
		return this.dir.resolve(this.dotEnv.get("TARGET_FILE_DIR"));
	}

	/**
	 * Moves every file of a folder into the input folder, each at once, as a user drops
	 * in files written elsewhere.
	 */
	void moveIntoInput(Path folder) throws IOException {
		Files.createDirectories(input());
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.toList()) {
				Files.move(file, input().resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
			}
		}
	}

	/** Returns the Compose project's name. */
	String project() {
		return this.project;
	}

	/** Runs {@code make} in the copy with these arguments and the stack's settings. */
	Result make(String... arguments) {
		List<String> command = new ArrayList<>(List.of("make", "--no-print-directory"));
		command.addAll(List.of(arguments));
		return run(command);
	}

	/** Runs {@code docker compose} in the copy. */
	Result compose(String... arguments) {
		List<String> command = new ArrayList<>(List.of("docker", "compose"));
		command.addAll(List.of(arguments));
		return run(command);
	}

	/** Runs {@code docker} (the engine's own commands). */
	Result docker(String... arguments) {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(arguments));
		return run(command);
	}

	/** Returns the ids of the running containers of a service. */
	List<String> running(String service) {
		return compose("ps", "-q", "--status", "running", service).output().lines().toList();
	}

	/** Returns the stack's database, reached through its host port. */
	TestDatabase database() {
		PostgresServer server = new PostgresServer("127.0.0.1", Integer.parseInt(this.environment.get("POSTGRES_PORT")),
				this.dotEnv.get("POSTGRES_USERNAME"), this.dotEnv.get("POSTGRES_PASSWORD"),
				this.dotEnv.get("POSTGRES_DATABASE"));
		return new TestDatabase(server, this.dotEnv.get("POSTGRES_DATABASE"));
	}

	/** Returns the rows in {@code records}; 0 while the table is not there yet. */
	long rows() {
		return Rows.count(database());
	}

	/** Returns the number a query of the stack's database answers, such as a count. */
	long query(String sql) throws SQLException {
		TestDatabase database = database();
		try (Connection connection = database.server().connect(database.name());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	/** Returns a host port the stack publishes, by its setting's name. */
	int port(String setting) {
		return Integer.parseInt(this.environment.get(setting));
	}

	private Result run(List<String> command) {
		Path log = this.dir.resolve("target/commands/" + (++this.commands) + ".log");
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(this.environment);
			Process process = builder.start();
			if (!process.waitFor(COMMAND_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not end within " + COMMAND_DEADLINE
						+ "; its output:\n" + Files.readString(log));
			}
			return new Result(command, process.exitValue(), Files.readString(log));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Removes the stack, its volumes included, and the copy. Files the containers made in
	 * the bound folders may belong to another user and stay.
	 */
	@Override
	public void close() {
		compose("--profile", "observability", "down", "--volumes", "--remove-orphans", "--timeout", "5");
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a folder left in the temporary directory is harmless
		}
	}

	/**
	 * What a command did.
	 *
	 * @param command the command
	 * @param status its exit status
	 * @param output what it printed, standard error included
	 */
	record Result(List<String> command, int status, String output) {

		/** Asserts that the command exited 0 and returns it. */
		Result succeeded() {
			assertThat(this.status)
				.as(String.join(" ", this.command) + " exited %d; it printed:%n%s", this.status, this.output)
				.isZero();
			return this;
		}

	}

}
