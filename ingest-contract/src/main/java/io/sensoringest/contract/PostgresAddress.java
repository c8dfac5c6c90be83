package io.sensoringest.contract;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sensoringest.contract.DatabaseSettings.SslMode;

/**
 * Where PostgreSQL is and who to be there, as the consumer and the operator's CLI bind it
 * from the {@code POSTGRES_*} settings: each field may be missing until
 * {@link #problems()} has been asked.
 *
 * @param host {@code POSTGRES_HOST}: one host, or several ({@code h1,h2} or
 * {@code h1:5432,h2:5433}) of which the apps use the primary
 * @param port {@code POSTGRES_PORT}
 * @param database {@code POSTGRES_DATABASE}
 * @param username {@code POSTGRES_USERNAME}
 * @param password {@code POSTGRES_PASSWORD}; never shown
 * @param sslMode {@code POSTGRES_SSLMODE}, as libpq and pgjdbc name the modes
 * @param sslRootCert {@code POSTGRES_SSLROOTCERT}: the CA certificate the server's must
 * chain to; blank for the driver's default
 */
public record PostgresAddress(String host, Integer port, String database, String username, String password,
		SslMode sslMode, String sslRootCert) {

	/**
	 * Returns what is wrong, by field name, in the order a reader fixes it; empty when
	 * the address can be used.
	 */
	public Map<String, String> problems() {
		Map<String, String> problems = new LinkedHashMap<>();
		put(problems, "host", SettingText.unset(this.host));
		put(problems, "port", SettingText.outside(this.port, 1, 65535));
		if (problems.isEmpty()) {
			put(problems, "host", hostListProblem());
		}
		put(problems, "database", SettingText.unset(this.database));
		put(problems, "username", SettingText.unset(this.username));
		put(problems, "sslMode", SettingText.missing(this.sslMode));
		put(problems, "sslRootCert", SettingText.unreadable(this.sslRootCert));
		return problems;
	}

	private String hostListProblem() {
		try {
			settings().servers();
			return null;
		}
		catch (IllegalArgumentException ex) {
			return "is not a host, host:port, or a comma-separated list of them";
		}
	}

	private static void put(Map<String, String> problems, String field, String problem) {
		if (problem != null) {
			problems.put(field, problem);
		}
	}

	/** Returns the address as the rest of the project uses it. */
	public DatabaseSettings settings() {
		return new DatabaseSettings(text(this.host), (this.port != null) ? this.port : 0, text(this.database),
				text(this.username), (this.password != null) ? this.password : "",
				(this.sslMode != null) ? SettingText.constant(this.sslMode) : "prefer",
				SettingText.blankToNull(this.sslRootCert));
	}

	private static String text(String value) {
		return (value != null) ? value.strip() : "";
	}

	@Override
	public String toString() {
		return "PostgresAddress[" + this.username + "@" + this.host + ":" + this.port + "/" + this.database
				+ ", sslMode=" + this.sslMode + ", password=******]";
	}

}
