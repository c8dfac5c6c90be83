package io.sensoringest.consumer.system;

import java.sql.SQLException;
import java.time.Duration;

import io.sensoringest.contract.Backoff;
import io.sensoringest.contract.Failures;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Applies the migrations at start-up unless {@code CONSUMER_APPLY_MIGRATIONS=false} (read
 * here, at run time: the consumer's Spring AOT code was written with Flyway on), and when
 * PostgreSQL goes away while they run (a restart between {@link StartupCheck} and Flyway,
 * say), waits for it and tries again, within {@code CONSUMER_STARTUP_TIMEOUT}, with one
 * WARN line. PostgreSQL runs each migration in a transaction, so a try that broke off
 * left nothing half-applied.
 */
final class MigrationRetry implements FlywayMigrationStrategy {

	private static final Logger logger = LoggerFactory.getLogger(MigrationRetry.class);

	private final Duration startupTimeout;

	private final boolean apply;

	/**
	 * @param startupTimeout how long to try again while PostgreSQL is away
	 * @param apply whether to apply the migrations at all
	 */
	MigrationRetry(Duration startupTimeout, boolean apply) {
		this.startupTimeout = startupTimeout;
		this.apply = apply;
	}

	@Override
	public void migrate(Flyway flyway) {
		if (!this.apply) {
			return;
		}
		long deadline = System.nanoTime() + this.startupTimeout.toNanos();
		Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));
		boolean warned = false;
		while (true) {
			try {
				flyway.migrate();
				return;
			}
			catch (FlywayException ex) {
				if (!lostConnection(Failures.cause(ex, SQLException.class)) || System.nanoTime() > deadline) {
					throw ex;
				}
				if (!warned) {
					logger.warn(
							"PostgreSQL went away while the migrations ran ({}); trying again for up to "
									+ "CONSUMER_STARTUP_TIMEOUT={}s",
							Failures.rootMessage(ex), this.startupTimeout.toSeconds());
					warned = true;
				}
				pause(backoff.nextDelayMillis(), ex);
			}
		}
	}

	/**
	 * Whether the failure is the connection's, not the migration's: class 08 (connection
	 * exception) or 57P (the server shutting down or restarting).
	 */
	static boolean lostConnection(SQLException ex) {
		String state = (ex != null && ex.getSQLState() != null) ? ex.getSQLState() : "";
		return state.startsWith("08") || state.startsWith("57P");
	}

	private static void pause(long millis, FlywayException failure) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure;
		}
	}

}
