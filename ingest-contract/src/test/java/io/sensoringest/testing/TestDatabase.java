package io.sensoringest.testing;

import io.sensoringest.contract.DatabaseSettings;

/**
 * A database that one test class owns; closing it drops it.
 *
 * @param server the server it lives on
 * @param name its name
 */
public record TestDatabase(PostgresServer server, String name) implements AutoCloseable {

	/** Returns its JDBC URL. */
	public String jdbcUrl() {
		return server.jdbcUrl(name);
	}

	/** Returns the settings that reach it, as the test role. */
	public DatabaseSettings settings() {
		return new DatabaseSettings(server.host(), server.port(), name, server.username(), server.password());
	}

	/** Runs one SQL statement in this database, as the server's test role. */
	public void execute(String sql) {
		server.execute(name, sql);
	}

	@Override
	public void close() {
		server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

}
