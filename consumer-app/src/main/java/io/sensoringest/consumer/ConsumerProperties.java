package io.sensoringest.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.sensoringest.contract.BrokerSettings;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.DatabaseSettings.SslMode;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.QueueTopology.QueueType;
import io.sensoringest.contract.SettingText;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Everything the consumer is told, bound by Spring Boot from the environment names that
 * {@code application.yml} maps (their defaults are the {@code .env} values), and checked
 * before any part that uses them starts. Where RabbitMQ is comes from Boot's own
 * {@code spring.rabbitmq.*}; the HTTP port is {@code server.port}.
 *
 * @param postgres where PostgreSQL is and who to be there ({@code POSTGRES_*})
 * @param rabbitmqTls TLS to RabbitMQ ({@code RABBITMQ_SSL_*})
 * @param queue the queues to poll ({@code RABBITMQ_QUEUE_*},
 * {@code RABBITMQ_DELIVERY_LIMIT})
 * @param batchRows rows stored per transaction ({@code POSTGRES_BATCH_UPSERT_SIZE})
 * @param maxBatchWait longest time spent filling one batch
 * ({@code CONSUMER_MAX_BATCH_WAIT})
 * @param pollInterval first pause after an empty poll ({@code RABBITMQ_POLL_INTERVAL})
 * @param pollIntervalMax longest pause while the queue stays empty
 * ({@code RABBITMQ_POLL_INTERVAL_MAX})
 * @param pollingTimeout longest wait for the broker's answer to one poll
 * ({@code RABBITMQ_POLLING_TIMEOUT})
 * @param concurrency workers in this process ({@code CONSUMER_CONCURRENCY})
 * @param shutdownTimeout longest time to finish the batch in hand on SIGTERM
 * ({@code CONSUMER_SHUTDOWN_TIMEOUT})
 * @param exitWhenIdle exit after the queue stayed empty this long; zero: never
 * ({@code CONSUMER_EXIT_WHEN_IDLE})
 * @param applyMigrations whether to apply the migrations at start-up; off for a role that
 * may only write rows ({@code CONSUMER_APPLY_MIGRATIONS})
 * @param startupTimeout how long to wait at start-up for servers that do not answer yet
 * ({@code CONSUMER_STARTUP_TIMEOUT})
 * @param exitWithParent stop, as on SIGTERM, once the process that started this one is
 * gone ({@code CONSUMER_EXIT_WITH_PARENT}), so that no consumer outlives the command that
 * runs it
 * @param portFile where to write the metrics and health port once it is open; blank for
 * nowhere ({@code CONSUMER_PORT_FILE})
 */
@ConfigurationProperties("sensor-ingest")
public record ConsumerProperties(Postgres postgres, RabbitmqTls rabbitmqTls, Queue queue, int batchRows,
		Duration maxBatchWait, Duration pollInterval, Duration pollIntervalMax, Duration pollingTimeout,
		int concurrency, Duration shutdownTimeout, Duration exitWhenIdle, boolean applyMigrations,
		Duration startupTimeout, boolean exitWithParent, String portFile) implements Validator {

	@Override
	public boolean supports(Class<?> type) {
		return ConsumerProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		ConsumerProperties properties = (ConsumerProperties) target;
		Checks check = new Checks(errors);
		check.range("batchRows", properties.batchRows, 1, 1_000_000);
		check.range("concurrency", properties.concurrency, 1, 64);
		check.range("queue.deliveryLimit", properties.queue.deliveryLimit, 1, 1000);
		check.positive("maxBatchWait", properties.maxBatchWait);
		check.positive("pollInterval", properties.pollInterval);
		check.positive("pollIntervalMax", properties.pollIntervalMax);
		check.positive("pollingTimeout", properties.pollingTimeout);
		check.positive("shutdownTimeout", properties.shutdownTimeout);
		if (properties.pollIntervalMax.compareTo(properties.pollInterval) < 0) {
			errors.rejectValue("pollIntervalMax", "shorter",
					"must not be shorter than RABBITMQ_POLL_INTERVAL (" + properties.pollInterval.toMillis() + "ms)");
		}
		check.set("postgres.username", properties.postgres.username);
		check.readable("postgres.sslRootCert", properties.postgres.sslRootCert);
		check.readable("rabbitmqTls.trustStore", properties.rabbitmqTls.trustStore);
	}

	/** Returns where PostgreSQL is, as the rest of the project describes it. */
	public DatabaseSettings database() {
		Postgres p = this.postgres;
		return new DatabaseSettings(p.host, p.port, p.database, p.username, p.password, SettingText.constant(p.sslMode),
				blankToNull(p.sslRootCert));
	}

	/**
	 * Returns where RabbitMQ is, as Spring Boot was told, and TLS as these settings say.
	 */
	public BrokerSettings broker(RabbitProperties rabbit) {
		return new BrokerSettings(rabbit.determineHost(), rabbit.determinePort(), rabbit.determineUsername(),
				rabbit.determinePassword(), this.rabbitmqTls.enabled, blankToNull(this.rabbitmqTls.trustStore),
				blankToNull(this.rabbitmqTls.trustStorePassword));
	}

	/** Returns the queues to poll. */
	public QueueTopology topology() {
		return new QueueTopology(this.queue.name, this.queue.type, this.queue.deliveryLimit);
	}

	/** Returns where to write the port, if anywhere. */
	public Path portFilePath() {
		String file = blankToNull(this.portFile);
		return (file != null) ? Path.of(file) : null;
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/**
	 * Where PostgreSQL is and who to be there.
	 *
	 * @param host {@code POSTGRES_HOST}
	 * @param port {@code POSTGRES_PORT}
	 * @param database {@code POSTGRES_DATABASE}
	 * @param username {@code POSTGRES_USERNAME}
	 * @param password {@code POSTGRES_PASSWORD}; never shown
	 * @param sslMode {@code POSTGRES_SSLMODE}, as libpq and pgjdbc name the modes
	 * @param sslRootCert {@code POSTGRES_SSLROOTCERT}: the CA certificate the server's
	 * must chain to; blank for the driver's default
	 */
	public record Postgres(String host, int port, String database, String username, String password, SslMode sslMode,
			String sslRootCert) {

	}

	/**
	 * TLS to RabbitMQ: the host name and certificate are verified.
	 *
	 * @param enabled {@code RABBITMQ_SSL_ENABLED}
	 * @param trustStore {@code RABBITMQ_SSL_TRUSTSTORE}: a PKCS#12 or JKS file of trusted
	 * certificates; blank for the Java runtime's
	 * @param trustStorePassword {@code RABBITMQ_SSL_TRUSTSTORE_PASSWORD}; never shown
	 */
	public record RabbitmqTls(boolean enabled, String trustStore, String trustStorePassword) {

	}

	/**
	 * The work queue.
	 *
	 * @param name {@code RABBITMQ_QUEUE_NAME}
	 * @param type {@code RABBITMQ_QUEUE_TYPE}: quorum or classic
	 * @param deliveryLimit {@code RABBITMQ_DELIVERY_LIMIT}: deliveries after which a
	 * quorum queue dead-letters a message
	 */
	public record Queue(String name, QueueType type, int deliveryLimit) {

	}

	/**
	 * The checks a setting's value may fail, each rejecting it with the words users see.
	 */
	private record Checks(Errors errors) {

		void range(String field, long value, long min, long max) {
			if (value < min || value > max) {
				this.errors.rejectValue(field, "range", "must be between " + min + " and " + max);
			}
		}

		void positive(String field, Duration value) {
			if (value.isZero()) {
				this.errors.rejectValue(field, "positive", "must be longer than zero");
			}
		}

		void set(String field, String value) {
			if (blankToNull(value) == null) {
				this.errors.rejectValue(field, "set", "is not set");
			}
		}

		void readable(String field, String file) {
			if (blankToNull(file) != null && !Files.isReadable(Path.of(file.strip()))) {
				this.errors.rejectValue(field, "readable", "is not a readable file");
			}
		}

	}

}
