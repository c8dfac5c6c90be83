package io.sensoringest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A PostgreSQL primary and its synchronous streaming standby for one test class, beside
 * the machine's own clusters: {@code initdb} and {@code pg_basebackup -R} below one
 * temporary folder, each server on a free port of {@code localhost}, TCP only, trust
 * authentication for the superuser {@code postgres}, and TLS with the test's
 * certificates. A commit on the primary returns only once the standby has it
 * ({@code synchronous_standby_names}). Run as root, the servers run as the user
 * {@code postgres}, as PostgreSQL insists. {@link #close()} stops both and removes the
 * folder.
 */
public final class PostgresPair extends OwnServers {

	private static final String STANDBY_NAME = "standby1";

	private final Path dir;

	private final Path bin;

	private final int primaryPort;

	private final int standbyPort;

	private PostgresPair(Path dir, Path bin, int primaryPort, int standbyPort) {
		super(dir);
		this.dir = dir;
		this.bin = bin;
		this.primaryPort = primaryPort;
		this.standbyPort = standbyPort;
	}

	/** Starts the primary, then the standby, and waits until the standby is in sync. */
	public static PostgresPair start(TestCertificates tls) throws IOException, InterruptedException {
		Path dir = Files.createTempDirectory("sensor-ingest-pg-");
		PostgresPair pair = new PostgresPair(dir, postgresBin(), freePort(), freePort());
		try {
			pair.startPair(tls);
			return pair;
		}
		catch (IOException | RuntimeException ex) {
			pair.close();
			throw ex;
		}
	}

	private void startPair(TestCertificates tls) throws IOException, InterruptedException {
		giveToServerUser(this.dir);
		Path primary = this.dir.resolve("primary");
		run("initdb", "-D", primary.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
		for (Path file : List.of(tls.serverCertificate(), tls.serverKey(), tls.caCertificate())) {
			Path copy = Files.copy(file, primary.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
			giveToServerUser(copy);
		}
		Files.writeString(primary.resolve("postgresql.conf"),
				"""

						# sensor-ingest test pair: the primary
						port = %d
						listen_addresses = 'localhost'
						unix_socket_directories = ''
						ssl = on
						ssl_cert_file = '%s'
						ssl_key_file = '%s'
						ssl_ca_file = '%s'
						wal_level = replica
						max_wal_senders = 4
						synchronous_commit = on
						synchronous_standby_names = '%s'
						""".formatted(this.primaryPort, tls.serverCertificate().getFileName(),
						tls.serverKey().getFileName(), tls.caCertificate().getFileName(), STANDBY_NAME),
				StandardOpenOption.APPEND);
		pgCtl("start", primary, "-w", "-t", "120", "-l", this.dir.resolve("primary.log").toString());
		Path standby = this.dir.resolve("standby");
		run("pg_basebackup", "-h", "localhost", "-p", Integer.toString(this.primaryPort), "-U", "postgres", "-D",
				standby.toString(), "-X", "stream", "-R", "--no-sync");
		Files.writeString(standby.resolve("postgresql.auto.conf"), """
				port = %d
				primary_conninfo = 'host=localhost port=%d user=postgres application_name=%s'
				""".formatted(this.standbyPort, this.primaryPort, STANDBY_NAME), StandardOpenOption.APPEND);
		pgCtl("start", standby, "-w", "-t", "120", "-l", this.dir.resolve("standby.log").toString());
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "sync".equals(query(primary(), "SELECT sync_state FROM pg_stat_replication "
					+ "WHERE application_name = '" + STANDBY_NAME + "'")));
	}

	/** Returns both servers as {@code POSTGRES_HOST} takes them, the primary first. */
	public String hosts() {
		return "localhost:" + this.primaryPort + ",localhost:" + this.standbyPort;
	}

	/** Returns the first primary, for creating databases and reading tables. */
	public PostgresServer primary() {
		return new PostgresServer("localhost", this.primaryPort, "postgres", "", "postgres");
	}

	/** Returns the standby, the primary after {@link #promoteStandby()}. */
	public PostgresServer standby() {
		return new PostgresServer("localhost", this.standbyPort, "postgres", "", "postgres");
	}

	/** Stops the primary at once, as a crash would: no shutdown checkpoint. */
	public void stopPrimaryImmediately() throws IOException, InterruptedException {
		pgCtl("stop", this.dir.resolve("primary"), "-m", "immediate");
	}

	/**
	 * Promotes the standby to primary and lets it commit without a standby of its own, as
	 * an operator or a failover manager does once the old primary is gone.
	 */
	public void promoteStandby() throws IOException, InterruptedException {
		pgCtl("promote", this.dir.resolve("standby"), "-w", "-t", "60");
		try (Connection connection = standby().connect("postgres"); Statement sql = connection.createStatement()) {
			sql.execute("ALTER SYSTEM SET synchronous_standby_names = ''");
			sql.execute("SELECT pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the promoted standby refused: " + ex.getMessage(), ex);
		}
	}

	private static String query(PostgresServer server, String sql) {
		try (Connection connection = server.connect("postgres");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			return result.next() ? result.getString(1) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private void pgCtl(String action, Path data, String... options) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("pg_ctl", action, "-D", data.toString()));
		command.addAll(List.of(options));
		run(command.toArray(String[]::new));
	}

	/** Runs a PostgreSQL program as the user the servers run as. */
	private void run(String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>();
		if (isRoot()) {
			line.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		line.add(this.bin.resolve(command[0]).toString());
		line.addAll(List.of(command).subList(1, command.length));
		Path log = this.dir.resolve("commands.log");
		Process process = new ProcessBuilder(line).directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
		}
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static void giveToServerUser(Path path) throws IOException {
		if (isRoot()) {
			UserPrincipal postgres = path.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName("postgres");
			Files.setOwner(path, postgres);
		}
	}

	private static Path postgresBin() throws IOException {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
				.max(Comparator.comparing((Path bin) -> Integer.parseInt(bin.getParent().getFileName().toString())))
				.orElseThrow();
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(
					"no /usr/lib/postgresql/<version>/bin/initdb: the failover tests need Debian's PostgreSQL server package",
					ex);
		}
	}

	@Override
	void stopServers() {
		for (String server : List.of("standby", "primary")) {
			Path data = this.dir.resolve(server);
			if (Files.exists(data.resolve("postmaster.pid"))) {
				try {
					pgCtl("stop", data, "-m", "immediate");
				}
				catch (IOException | RuntimeException ex) {
					// stopped already
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

}
