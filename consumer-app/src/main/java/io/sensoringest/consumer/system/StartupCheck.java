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
import io.sensoringest.boot.ServerRefusedException;
import io.sensoringest.consumer.settings.ConsumerProperties;
import io.sensoringest.contract.Backoff;
import io.sensoringest.contract.BrokerNodes;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.Failures;
import io.sensoringest.contract.TopologyMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;

/**
 * Before the pool, Flyway or the poller use them: do the servers answer, and do they let
 * this consumer in? A server that refuses (a wrong password, no such role or database,
 * TLS it does not speak, no privilege on the tables, a work queue of other arguments)
 * stops the consumer with one line, through {@link ServerRefusedException}; one that does
 * not answer yet is waited for, up to {@code CONSUMER_STARTUP_TIMEOUT}, as a consumer
 * started with its servers must. Only the database is checked when only the migrations
 * are to run.
 */
final class StartupCheck implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(StartupCheck.class);

	private static final String TABLES = """
			SELECT to_regclass('records') IS NOT NULL AND to_regclass('ingest_ledger') IS NOT NULL""";

	private static final String PRIVILEGES = """
			SELECT bool_and(has_table_privilege(t, p))
			FROM unnest(ARRAY['records', 'ingest_ledger']) AS t, unnest(ARRAY['SELECT', 'INSERT', 'UPDATE']) AS p""";

	private final ConsumerProperties properties;

	private final DatabaseSettings database;

	private final BrokerNodes broker;

	private final boolean migrateOnly;

	private final boolean trainingRun;

	private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));

	private long deadlineNanos;

	private boolean warned;

	/**
	 * @param migrateOnly whether only the migrations are to run
	 * @param trainingRun whether this is the image build's training run, which checks
	 * nothing
	 */
	StartupCheck(ConsumerProperties properties, DatabaseSettings database, BrokerNodes broker, boolean migrateOnly,
			boolean trainingRun) {
		this.properties = properties;
		this.database = database;
		this.broker = broker;
		this.migrateOnly = migrateOnly;
		this.trainingRun = trainingRun;
	}

	/**
	 * Checks the database, and unless only the migrations are to run, the broker and the
	 * tables.
	 * @throws ServerRefusedException saying in one line why the consumer cannot start
	 */
	@Override
	public void afterPropertiesSet() throws InterruptedException {
		if (this.trainingRun) {
			return;
		}
		this.deadlineNanos = System.nanoTime() + startupTimeout().toNanos();
		Optional<String> refused = database(!this.migrateOnly && !this.properties.applyMigrations());
		if (refused.isEmpty() && !this.migrateOnly) {
			refused = broker();
		}
		if (refused.isPresent()) {
			throw new ServerRefusedException(refused.get());
		}
	}

	private Duration startupTimeout() {
		return this.properties.startupTimeout();
	}

	private Optional<String> database(boolean tablesMustExist) throws InterruptedException {
		String where = "PostgreSQL at " + this.database.describe();
		while (true) {
			try (Connection connection = this.database.connect(); Statement sql = connection.createStatement()) {
				if (tablesMustExist && !isTrue(sql, TABLES)) {
					return Optional.of(where + " has no tables records and ingest_ledger, and "
							+ "CONSUMER_APPLY_MIGRATIONS=false: make migrate, as their owner, creates them");
				}
				if (tablesMustExist && !isTrue(sql, PRIVILEGES)) {
					return Optional.of(where + ": role " + this.database.username()
							+ " may not select, insert and update records and ingest_ledger (see docs/security.md, "
							+ "a consumer that may only write rows)");
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
							+ startupTimeout().toSeconds() + "s: " + Failures.rootMessage(ex));
				}
			}
		}
	}

	private Optional<String> broker() throws InterruptedException {
		String where = "RabbitMQ at " + this.broker.describe();
		while (true) {
			try (com.rabbitmq.client.Connection connection = this.broker.connect("sensor-ingest-startup-check")) {
				// a queue of an older version is reported once here, not by every worker
				this.properties.topology().declare(connection.createChannel());
				return Optional.empty();
			}
			catch (TopologyMismatchException ex) {
				return Optional.of(ex.getMessage());
			}
			catch (AuthenticationFailureException ex) {
				return Optional.of("RabbitMQ at " + this.broker.settings().where() + " refused user "
						+ this.broker.settings().username() + ": " + Failures.rootMessage(ex));
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
							+ startupTimeout().toSeconds() + "s: " + Failures.rootMessage(ex));
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
					Failures.rootMessage(ex), startupTimeout().toSeconds());
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
