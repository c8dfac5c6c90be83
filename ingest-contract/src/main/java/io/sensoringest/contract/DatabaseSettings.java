package io.sensoringest.contract;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where PostgreSQL is and who to be there, from the {@code POSTGRES_*} settings. Several
 * hosts are a primary and its standbys: connections go to whichever is the primary now,
 * tried in the order given (pgjdbc's {@code targetServerType=primary}, libpq's
 * {@code target_session_attrs=read-write}).
 *
 * @param host {@code POSTGRES_HOST}: one host, or {@code host1,host2} with
 * {@code POSTGRES_PORT}, or {@code host1:port1,host2:port2}
 * @param port {@code POSTGRES_PORT}, for each host that names no port
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

	/**
	 * Returns the servers as {@code host:port}, in the order given.
	 * @throws IllegalArgumentException if {@code host} is not a list of hosts
	 */
	public List<String> servers() {
		List<String> servers = new ArrayList<>();
		for (String server : host.split(",", -1)) {
			int colon = server.lastIndexOf(':');
			String name = ((colon >= 0) ? server.substring(0, colon) : server).strip();
			int serverPort = (colon >= 0) ? Integer.parseInt(server.substring(colon + 1).strip()) : port;
			if (name.isEmpty() || serverPort < 1 || serverPort > 65535) {
				throw new IllegalArgumentException("not host, host:port or a list of them: " + host);
			}
			servers.add(name + ":" + serverPort);
		}
		return servers;
	}

	/** Returns whether several servers are named, of which one is the primary. */
	public boolean failover() {
		return servers().size() > 1;
	}

	/** Returns the JDBC URL, with the TLS settings and no credential. */
	public String jdbcUrl() {
		StringBuilder url = new StringBuilder("jdbc:postgresql://").append(String.join(",", servers()))
			.append('/')
			.append(database)
			.append("?ApplicationName=sensor-ingest&sslmode=")
			.append(sslMode);
		if (sslRootCert != null) {
			url.append("&sslrootcert=").append(URLEncoder.encode(sslRootCert, StandardCharsets.UTF_8));
		}
		if (failover()) {
			// a host found not to be the primary is asked again after 2 s rather than
			// the driver's 10, so that a promoted standby is found soon
			url.append("&targetServerType=primary&hostRecheckSeconds=2");
		}
		return url.toString();
	}

	/** Opens a connection. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), username, password);
	}

	/**
	 * Returns the environment that gives {@code psql} the same servers, user, password
	 * and TLS settings, and the primary where there are several.
	 */
	public Map<String, String> psqlEnvironment() {
		Map<String, String> environment = new HashMap<>();
		List<String> servers = servers();
		environment.put("PGHOST", servers.stream().map(DatabaseSettings::hostOf).collect(Collectors.joining(",")));
		environment.put("PGPORT", servers.stream().map(DatabaseSettings::portOf).collect(Collectors.joining(",")));
		environment.put("PGUSER", username);
		environment.put("PGDATABASE", database);
		if (servers.size() > 1) {
			environment.put("PGTARGETSESSIONATTRS", "read-write");
		}
		environment.put("PGPASSWORD", password);
		environment.put("PGSSLMODE", sslMode);
		if (sslRootCert != null) {
			environment.put("PGSSLROOTCERT", sslRootCert);
		}
		return environment;
	}

	private static String hostOf(String server) {
		return server.substring(0, server.lastIndexOf(':'));
	}

	private static String portOf(String server) {
		return server.substring(server.lastIndexOf(':') + 1);
	}

	/**
	 * Returns where the database is, for messages: {@code user@host:port/database}, with
	 * every server where there are several.
	 */
	public String describe() {
		String where;
		try {
			where = String.join(",", servers());
		}
		catch (IllegalArgumentException ex) {
			where = host + ":" + port;
		}
		return username + "@" + where + "/" + database;
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
