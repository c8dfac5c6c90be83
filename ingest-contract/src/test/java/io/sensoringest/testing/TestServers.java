package io.sensoringest.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.sensoringest.contract.DotEnv;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The real PostgreSQL and RabbitMQ that integration tests talk to, one of each per test
 * JVM. They are the servers that {@code POSTGRES_*} and {@code RABBITMQ_*} name (the
 * local ones on this project's machines) when both answer there, as {@code make test}
 * makes sure of; otherwise Testcontainers starts them where a Docker engine answers. So
 * an engine that runs beside this machine's own servers changes nothing.
 * {@code TEST_SERVERS=local} or {@code containers} forces one way. A server that cannot
 * be had fails the test: these tests never skip.
 */
public final class TestServers {

	private static final DotEnv SETTINGS = DotEnv.load();

	private static final Path UNWRAPPED_RABBITMQCTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");

	private static final String RABBITMQCTL_RIGHTS = " (as a user other than root, rabbitmqctl needs the broker's"
			+ " Erlang cookie, /var/lib/rabbitmq/.erlang.cookie, in ~/.erlang.cookie)";

	private static PostgresServer postgres;

	private static RabbitServer rabbit;

	private static RabbitMQContainer rabbitContainer;

	private static PostgreSQLContainer postgresContainer;

	private static Boolean containers;

	private TestServers() {
	}

	/** Returns the PostgreSQL server, starting or checking it on first use. */
	public static synchronized PostgresServer postgres() {
		if (postgres == null) {
			postgres = useContainers() ? startPostgres() : localPostgres();
		}
		return postgres;
	}

	/** Returns the RabbitMQ broker, starting or checking it on first use. */
	public static synchronized RabbitServer rabbit() {
		if (rabbit == null) {
			rabbit = useContainers() ? startRabbit() : localRabbit();
		}
		return rabbit;
	}

	/**
	 * Stops and starts the broker application, as a broker restart would, dropping every
	 * connection; queues and persistent messages survive.
	 */
	public static synchronized void restartRabbit() {
		rabbitmqctl("stop_app");
		rabbitmqctl("start_app");
	}

	/**
	 * Runs {@code rabbitmqctl} with these arguments against the test broker.
	 * @throws IllegalStateException if it fails
	 */
	public static synchronized void rabbitmqctl(String... arguments) {
		rabbit();
		try {
			if (rabbitContainer != null) {
				List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
				command.addAll(List.of(arguments));
				if (rabbitContainer.execInContainer(command.toArray(String[]::new)).getExitCode() != 0) {
					throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " failed");
				}
			}
			else {
				List<String> command = new ArrayList<>(List.of(rabbitmqctlPath(), "-q"));
				command.addAll(List.of(arguments));
				if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
					throw new IllegalStateException(
							"rabbitmqctl " + String.join(" ", arguments) + " failed" + RABBITMQCTL_RIGHTS);
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run rabbitmqctl: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Returns the rabbitmqctl this user may run. Debian's wrapper lets only root and
	 * {@code rabbitmq} through; anyone else runs the tool itself, which reaches the
	 * broker with its Erlang cookie in {@code ~/.erlang.cookie}.
	 */
	private static String rabbitmqctlPath() {
		return (!isRoot() && Files.isExecutable(UNWRAPPED_RABBITMQCTL)) ? UNWRAPPED_RABBITMQCTL.toString()
				: "rabbitmqctl";
	}

	/**
	 * Whether tests may stop and start this machine's servers with their own tools
	 * ({@code pg_ctlcluster}, Debian's {@code rabbitmqctl}), as only root may.
	 */
	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	/**
	 * Takes PostgreSQL away: on the local server, the cluster is stopped when the tests
	 * run as root; in a container, whose main process it is, or for another user, the
	 * test's database refuses connections and loses the ones it has. {@link #postgresUp}
	 * brings it back.
	 */
	public static synchronized void postgresDown(TestDatabase database) {
		if (useContainers() || !isRoot()) {
			database.server().execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false");
			database.server()
				.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.name()
						+ "'");
		}
		else {
			pgCtlCluster("stop");
		}
	}

	/** Brings PostgreSQL back after {@link #postgresDown}. */
	public static synchronized void postgresUp(TestDatabase database) {
		if (useContainers() || !isRoot()) {
			database.server().execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
		}
		else {
			pgCtlCluster("start");
		}
	}

	/**
	 * Returns a shell command that restarts the broker, for a child process that injects
	 * faults ({@code CHAOS_RABBITMQ_RESTART}).
	 */
	public static synchronized String rabbitRestartCommand() {
		rabbit();
		String ctl = (rabbitContainer != null) ? "docker exec " + rabbitContainer.getContainerId() + " rabbitmqctl"
				: rabbitmqctlPath();
		return ctl + " -q stop_app && " + ctl + " -q start_app";
	}

	/**
	 * Returns a shell command that restarts PostgreSQL, for a child process that injects
	 * faults ({@code CHAOS_POSTGRES_RESTART}). A container's PostgreSQL is its main
	 * process, and a restarted container may come back on another port; there, and for a
	 * user other than root, who may not restart the local cluster, the command ends every
	 * client connection of the test's role instead, which is what the apps see of a
	 * restart.
	 */
	public static synchronized String postgresRestartCommand() {
		PostgresServer server = postgres();
		String terminate = " -c \"SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
				+ " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()\"";
		if (postgresContainer != null) {
			return "docker exec " + postgresContainer.getContainerId() + " psql -U " + server.username()
					+ " -d postgres" + terminate;
		}
		if (!isRoot()) {
			return "PGPASSWORD='" + server.password() + "' psql -qX -h " + server.host() + " -p " + server.port()
					+ " -U " + server.username() + " -d " + server.maintenanceDatabase() + terminate;
		}
		return "pg_ctlcluster --skip-systemctl-redirect " + localPostgresVersion() + " main restart";
	}

	private static String localPostgresVersion() {
		try {
			Process versions = new ProcessBuilder("ls", "/etc/postgresql").start();
			return new String(versions.getInputStream().readAllBytes()).trim()
				.lines()
				.reduce((a, b) -> b)
				.orElseThrow(() -> new IllegalStateException("no cluster in /etc/postgresql"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list /etc/postgresql: " + ex.getMessage(), ex);
		}
	}

	private static void pgCtlCluster(String action) {
		try {
			String version = localPostgresVersion();
			int status = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action)
				.inheritIO()
				.start()
				.waitFor();
			if (status != 0) {
				throw new IllegalStateException("pg_ctlcluster " + action + " exited " + status);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run pg_ctlcluster " + action + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether the servers are containers, which a test may stop and start at will.
	 * Decided once per test JVM, before any test takes a server away: asked again while a
	 * test has stopped the local PostgreSQL, it would answer otherwise.
	 */
	public static synchronized boolean useContainers() {
		if (containers == null) {
			containers = decideContainers();
		}
		return containers;
	}

	private static boolean decideContainers() {
		String mode = System.getenv().getOrDefault("TEST_SERVERS", "auto");
		return switch (mode) {
			case "containers" -> true;
			case "local" -> false;
			case "auto" ->
				!localServersAnswer() && dockerMayAnswer() && DockerClientFactory.instance().isDockerAvailable();
			default ->
				throw new IllegalStateException("TEST_SERVERS=" + mode + " is not one of auto, containers, local");
		};
	}

	/**
	 * Whether a PostgreSQL and a RabbitMQ accept connections where the settings point.
	 */
	private static boolean localServersAnswer() {
		return answers(SETTINGS.get("POSTGRES_HOST"), SETTINGS.get("POSTGRES_PORT"))
				&& answers(SETTINGS.get("RABBITMQ_HOST"), SETTINGS.get("RABBITMQ_PORT"));
	}

	private static boolean answers(String host, String port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, Integer.parseInt(port)), 2000);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	/** Spares Testcontainers' noisy search for an engine where there is plainly none. */
	private static boolean dockerMayAnswer() {
		return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
	}

	private static PostgresServer startPostgres() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:" + SETTINGS.get("POSTGRES_VERSION_TAG"));
		container.start();
		postgresContainer = container;
		return new PostgresServer(container.getHost(), container.getMappedPort(5432), container.getUsername(),
				container.getPassword(), container.getDatabaseName());
	}

	private static PostgresServer localPostgres() {
		PostgresServer server = new PostgresServer(SETTINGS.get("POSTGRES_HOST"),
				Integer.parseInt(SETTINGS.get("POSTGRES_PORT")), SETTINGS.get("POSTGRES_USERNAME"),
				SETTINGS.get("POSTGRES_PASSWORD"), SETTINGS.get("POSTGRES_DATABASE"));
		server.checkReachable("POSTGRES_HOST and POSTGRES_PORT");
		return server;
	}

	private static RabbitServer startRabbit() {
		RabbitMQContainer container = new RabbitMQContainer("rabbitmq:" + SETTINGS.get("RABBITMQ_VERSION_TAG"));
		container.start();
		rabbitContainer = container;
		return new RabbitServer(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
				container.getAdminPassword());
	}

	private static RabbitServer localRabbit() {
		RabbitServer server = new RabbitServer(SETTINGS.get("RABBITMQ_HOST"),
				Integer.parseInt(SETTINGS.get("RABBITMQ_PORT")), SETTINGS.get("RABBITMQ_USERNAME"),
				SETTINGS.get("RABBITMQ_PASSWORD"));
		server.checkReachable("RABBITMQ_HOST and RABBITMQ_PORT");
		return server;
	}

}
