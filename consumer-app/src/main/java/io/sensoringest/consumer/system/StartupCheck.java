package io.sensoringest.consumer.system;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ConnectionFactory;
import io.sensoringest.consumer.ConsumerSettings;
import io.sensoringest.contract.Backoff;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before Spring starts: do the servers answer, and do they let this consumer in? A server
 * that refuses (a wrong password, no such role or database, TLS it does not speak, no
 * privilege on the tables) stops the consumer with one line; one that does not answer yet
 * is waited for, up to {@code CONSUMER_STARTUP_TIMEOUT}, as a consumer started with its
 * servers must.
 */
public final class StartupCheck {

	private static final Logger logger = LoggerFactory.getLogger(StartupCheck.class);

	private static final String TABLES = """
			SELECT to_regclass('records') IS NOT NULL AND to_regclass('ingest_ledger') IS NOT NULL""";

	private static final String PRIVILEGES = """
			SELECT bool_and(has_table_privilege(t, p))
			FROM unnest(ARRAY['records', 'ingest_ledger']) AS t, unnest(ARRAY['SELECT', 'INSERT', 'UPDATE']) AS p""";

	private final ConsumerSettings settings;

	private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));

	private final long deadlineNanos;

	private boolean warned;

	private StartupCheck(ConsumerSettings settings) {
		this.settings = settings;
		this.deadlineNanos = System.nanoTime() + settings.startupTimeout().toNanos();
	}

	/**
	 * Checks the database, and unless only the migrations are to run, the broker and the
	 * tables.
	 * @return why the consumer cannot start, in one line, or nothing
	 */
	public static Optional<String> run(ConsumerSettings settings, boolean migrateOnly) throws InterruptedException {
		StartupCheck check = new StartupCheck(settings);
		Optional<String> database = check.database(!migrateOnly && !settings.applyMigrations());
		if (database.isPresent() || migrateOnly) {
			return database;
		}
		return check.broker();
	}

	private Optional<String> database(boolean tablesMustExist) throws InterruptedException {
		DatabaseSettings database = this.settings.database();
		String where = "PostgreSQL at " + database.describe();
		while (true) {
			try (Connection connection = database.connect(); Statement sql = connection.createStatement()) {
				if (tablesMustExist && !isTrue(sql, TABLES)) {
					return Optional.of(where + " has no tables records and ingest_ledger, and "
							+ "CONSUMER_APPLY_MIGRATIONS=false: make migrate, as their owner, creates them");
				}
				if (tablesMustExist && !isTrue(sql, PRIVILEGES)) {
					return Optional.of(where + ": role " + database.username()
							+ " may not select, insert and update records and ingest_ledger (see the README's "
							+ "restricted role)");
				}
				return Optional.empty();
			}
			catch (SQLException ex) {
				String state = (ex.getSQLState() != null) ? ex.getSQLState() : "";
				// 28: bad credentials; 3D000: no such database; 08004: refused, as for
				// TLS
				if (state.startsWith("28") || state.equals("3D000") || state.equals("08004")) {
					return Optional.of(where + " refused the connection: " + Failures.rootMessage(ex));
				}
				if (!waitFor(where, ex)) {
					return Optional.of(where + " did not answer within CONSUMER_STARTUP_TIMEOUT="
							+ this.settings.startupTimeout().toSeconds() + "s: " + Failures.rootMessage(ex));
				}
			}
		}
	}

	private Optional<String> broker() throws InterruptedException {
		ConnectionFactory factory = this.settings.broker().connectionFactory();
		String where = "RabbitMQ at " + this.settings.broker().describe();
		while (true) {
			try (com.rabbitmq.client.Connection connection = factory.newConnection("sensor-ingest-startup-check")) {
				return Optional.empty();
			}
			catch (AuthenticationFailureException ex) {
				return Optional.of("RabbitMQ at " + factory.getHost() + ":" + factory.getPort() + " refused user "
						+ factory.getUsername() + ": " + Failures.rootMessage(ex));
			}
			catch (SSLException ex) {
				return Optional.of(where + ": TLS failed: " + Failures.rootMessage(ex));
			}
			catch (IOException | TimeoutException ex) {
				if (ex.getCause() instanceof SSLException tls) {
					return Optional.of(where + ": TLS failed: " + Failures.rootMessage(tls));
				}
				if (!waitFor(where, ex)) {
					return Optional.of(where + " did not answer within CONSUMER_STARTUP_TIMEOUT="
							+ this.settings.startupTimeout().toSeconds() + "s: " + Failures.rootMessage(ex));
				}
			}
		}
	}

	/** Waits a little before the next try; false once the time is up. */
	private boolean waitFor(String where, Exception ex) throws InterruptedException {
		long left = this.deadlineNanos - System.nanoTime();
		if (left <= 0) {
			return false;
		}
		if (!this.warned) {
			this.warned = true;
			logger.warn("{} does not answer yet ({}); waiting up to CONSUMER_STARTUP_TIMEOUT={}s", where,
					Failures.rootMessage(ex), this.settings.startupTimeout().toSeconds());
		}
		Thread.sleep(Math.min(this.backoff.nextDelayMillis(), Math.max(1, left / 1_000_000)));
		return true;
	}

	private static boolean isTrue(Statement sql, String query) throws SQLException {
		try (ResultSet result = sql.executeQuery(query)) {
			return result.next() && result.getBoolean(1);
		}
	}

}
