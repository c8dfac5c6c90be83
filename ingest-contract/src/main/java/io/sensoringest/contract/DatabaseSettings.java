package io.sensoringest.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where PostgreSQL is and who to be there, from the {@code POSTGRES_*} settings.
 *
 * @param host {@code POSTGRES_HOST}
 * @param port {@code POSTGRES_PORT}
 * @param database {@code POSTGRES_DATABASE}
 * @param username {@code POSTGRES_USERNAME}
 * @param password {@code POSTGRES_PASSWORD}; never shown
 * @param sslMode {@code POSTGRES_SSLMODE}: {@code disable}, {@code allow},
 * {@code prefer}, {@code require}, {@code verify-ca} or {@code verify-full}, as libpq and
 * pgjdbc know them
 * @param sslRootCert {@code POSTGRES_SSLROOTCERT}: the CA certificate the server's must
 * chain to, or {@code null} for the driver's default ({@code ~/.postgresql/root.crt})
 */
public record DatabaseSettings(String host, int port, String database, String username, String password, String sslMode,
		String sslRootCert) {

	private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
			"verify-full");

	/** Settings without TLS preferences: the driver's default, {@code prefer}. */
	public DatabaseSettings(String host, int port, String database, String username, String password) {
		this(host, port, database, username, password, "prefer", null);
	}

	/** Reads the settings. */
	public static DatabaseSettings from(Settings settings) {
		String sslMode = settings.find("POSTGRES_SSLMODE").orElse("prefer").trim();
		if (!SSL_MODES.contains(sslMode)) {
			throw new InvalidSettingException("POSTGRES_SSLMODE", sslMode,
					"is not one of " + String.join(", ", SSL_MODES));
		}
		String rootCert = settings.find("POSTGRES_SSLROOTCERT").orElse(null);
		if (rootCert != null && !Files.isReadable(Path.of(rootCert))) {
			throw new InvalidSettingException("POSTGRES_SSLROOTCERT", rootCert, "is not a readable file");
		}
		return new DatabaseSettings(settings.get("POSTGRES_HOST"), settings.port("POSTGRES_PORT"),
				settings.get("POSTGRES_DATABASE"), settings.get("POSTGRES_USERNAME"), settings.get("POSTGRES_PASSWORD"),
				sslMode, rootCert);
	}

	/** Returns the JDBC URL, with the TLS settings and no credential. */
	public String jdbcUrl() {
		String url = "jdbc:postgresql://" + host + ":" + port + "/" + database
				+ "?ApplicationName=sensor-ingest&sslmode=" + sslMode;
		return (sslRootCert != null) ? url + "&sslrootcert=" + URLEncoder.encode(sslRootCert, StandardCharsets.UTF_8)
				: url;
	}

	/** Opens a connection. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), username, password);
	}

	/**
	 * Returns the environment that gives {@code psql} the same password and TLS settings.
	 */
	public Map<String, String> psqlEnvironment() {
		Map<String, String> environment = new HashMap<>();
		environment.put("PGPASSWORD", password);
		environment.put("PGSSLMODE", sslMode);
		if (sslRootCert != null) {
			environment.put("PGSSLROOTCERT", sslRootCert);
		}
		return environment;
	}

	/** Returns where the database is, for messages: {@code user@host:port/database}. */
	public String describe() {
		return username + "@" + host + ":" + port + "/" + database;
	}

	@Override
	public String toString() {
		return "DatabaseSettings[" + describe() + ", sslmode=" + sslMode + ", password=******]";
	}

}
