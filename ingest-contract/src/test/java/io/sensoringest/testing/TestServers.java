package io.sensoringest.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import io.sensoringest.contract.Settings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The real PostgreSQL and RabbitMQ that integration tests talk to, one of each per test
 * JVM. Testcontainers starts them where a Docker engine answers; otherwise they are the
 * servers that {@code POSTGRES_*} and {@code RABBITMQ_*} name (the local ones on this
 * project's machines). {@code TEST_SERVERS=containers} or {@code local} forces one way. A
 * server that cannot be had fails the test: these tests never skip.
 */
public final class TestServers {

	private static final Settings SETTINGS = Settings.load();

	private static PostgresServer postgres;

	private static RabbitServer rabbit;

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

	/** Whether the servers are containers, which a test may stop and start at will. */
	public static boolean useContainers() {
		String mode = System.getenv().getOrDefault("TEST_SERVERS", "auto");
		return switch (mode) {
			case "containers" -> true;
			case "local" -> false;
			case "auto" -> dockerMayAnswer() && DockerClientFactory.instance().isDockerAvailable();
			default ->
				throw new IllegalStateException("TEST_SERVERS=" + mode + " is not one of auto, containers, local");
		};
	}

	/** Spares Testcontainers' noisy search for an engine where there is plainly none. */
	private static boolean dockerMayAnswer() {
		return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
	}

	private static PostgresServer startPostgres() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:" + SETTINGS.get("POSTGRES_VERSION_TAG"));
		container.start();
		return new PostgresServer(container.getHost(), container.getMappedPort(5432), container.getUsername(),
				container.getPassword(), container.getDatabaseName());
	}

	private static PostgresServer localPostgres() {
		PostgresServer server = new PostgresServer(SETTINGS.get("POSTGRES_HOST"),
				Integer.parseInt(SETTINGS.get("POSTGRES_PORT")), SETTINGS.get("POSTGRES_USERNAME"),
				SETTINGS.get("POSTGRES_PASSWORD"), SETTINGS.get("POSTGRES_DATABASE"));
		server.checkReachable("POSTGRES_HOST and POSTGRES_PORT; no Docker engine answered");
		return server;
	}

	private static RabbitServer startRabbit() {
		RabbitMQContainer container = new RabbitMQContainer("rabbitmq:" + SETTINGS.get("RABBITMQ_VERSION_TAG"));
		container.start();
		return new RabbitServer(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
				container.getAdminPassword());
	}

	private static RabbitServer localRabbit() {
		RabbitServer server = new RabbitServer(SETTINGS.get("RABBITMQ_HOST"),
				Integer.parseInt(SETTINGS.get("RABBITMQ_PORT")), SETTINGS.get("RABBITMQ_USERNAME"),
				SETTINGS.get("RABBITMQ_PASSWORD"));
		server.checkReachable("RABBITMQ_HOST and RABBITMQ_PORT; no Docker engine answered");
		return server;
	}

}
