package io.sensoringest.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL server that tests may create databases on.
 *
 * @param host where it listens
 * @param port its port
 * @param username a role allowed to create databases
 * @param password that role's password
 * @param maintenanceDatabase a database the role may always connect to
 */
public record PostgresServer(String host, int port, String username, String password, String maintenanceDatabase) {

	/** Returns the JDBC URL of one of this server's databases. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + host + ":" + port + "/" + database;
	}

	/** Opens a connection to one of this server's databases. */
	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database), username, password);
	}

	/**
	 * Creates an empty database of the test's own, dropped again when the returned handle
	 * closes.
	 * @param hint a readable part of the name, usually the test class
	 * @return the new database
	 */
	public TestDatabase createDatabase(String hint) {
		String name = "it_" + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
				+ UUID.randomUUID().toString().substring(0, 8);
		execute("CREATE DATABASE " + name);
		return new TestDatabase(this, name);
	}

	void execute(String sql) {
		execute(maintenanceDatabase, sql);
	}

	void execute(String database, String sql) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					sql + " failed on PostgreSQL at " + host + ":" + port + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Fails with a message that says where the server was looked for when it does not
	 * answer.
	 */
	void checkReachable(String origin) {
		try (Connection connection = connect(maintenanceDatabase)) {
			connection.isValid(5);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " (" + origin + ") refused user "
					+ username + " on database " + maintenanceDatabase + ": " + ex.getMessage()
					+ ". Start it, or run .ci/run, which starts it and creates the role.", ex);
		}
	}

}
