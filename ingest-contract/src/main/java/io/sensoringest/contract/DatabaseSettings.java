package io.sensoringest.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
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

	/** Settings without TLS preferences: the driver's default, {@code prefer}. */
	public DatabaseSettings(String host, int port, String database, String username, String password) {
		this(host, port, database, username, password, "prefer", null);
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

	/** How the connection uses TLS, as libpq and pgjdbc name the modes. */
	public enum SslMode {

		/** Never TLS. */
		DISABLE,

		/** TLS only if the server insists. */
		ALLOW,

		/** TLS if the server offers it; the driver's default. */
		PREFER,

		/** Always TLS, without checking the server's certificate. */
		REQUIRE,

		/** Always TLS, with a certificate that chains to the trusted CA. */
		VERIFY_CA,

		/** As {@code VERIFY_CA}, and the certificate names the host. */
		VERIFY_FULL

	}

}
