package io.sensoringest.contract;

/**
 * Where PostgreSQL is and who to be there, from the {@code POSTGRES_*} settings.
 *
 * @param host {@code POSTGRES_HOST}
 * @param port {@code POSTGRES_PORT}
 * @param database {@code POSTGRES_DATABASE}
 * @param username {@code POSTGRES_USERNAME}
 * @param password {@code POSTGRES_PASSWORD}; never shown
 */
public record DatabaseSettings(String host, int port, String database, String username, String password) {

	/** Reads the settings. */
	public static DatabaseSettings from(Settings settings) {
		return new DatabaseSettings(settings.get("POSTGRES_HOST"), settings.port("POSTGRES_PORT"),
				settings.get("POSTGRES_DATABASE"), settings.get("POSTGRES_USERNAME"),
				settings.get("POSTGRES_PASSWORD"));
	}

	/** Returns the JDBC URL. */
	public String jdbcUrl() {
		return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?ApplicationName=sensor-ingest-consumer";
	}

	/** Returns where the database is, for messages: {@code user@host:port/database}. */
	public String describe() {
		return username + "@" + host + ":" + port + "/" + database;
	}

	@Override
	public String toString() {
		return "DatabaseSettings[" + describe() + ", password=******]";
	}

}
