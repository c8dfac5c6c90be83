package io.sensoringest.consumer.settings;

import java.nio.file.Path;
import java.time.Duration;

import io.sensoringest.boot.CheckedProperties;
import io.sensoringest.boot.SettingErrors;
import io.sensoringest.contract.BrokerSettings;
import io.sensoringest.contract.BrokerTls;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.PostgresAddress;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.SettingText;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

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
 * @param partitionInterval the time span of a partition of {@code records} that the
 * consumer makes for rows that need one ({@code RECORDS_PARTITION_INTERVAL})
 * @param retention partitions whose every row is older than this are dropped whole; zero:
 * never ({@code RECORDS_RETENTION})
 */
@ConfigurationProperties("sensor-ingest")
public record ConsumerProperties(@NestedConfigurationProperty PostgresAddress postgres,
		@NestedConfigurationProperty BrokerTls rabbitmqTls, @NestedConfigurationProperty QueueTopology queue,
		Integer batchRows, Duration maxBatchWait, Duration pollInterval, Duration pollIntervalMax,
		Duration pollingTimeout, Integer concurrency, Duration shutdownTimeout, Duration exitWhenIdle,
		Boolean applyMigrations, Duration startupTimeout, Boolean exitWithParent, String portFile,
		Duration partitionInterval, Duration retention) implements CheckedProperties {

	@Override
	public void check(SettingErrors check) {
		check.field("batchRows", SettingText.outside(this.batchRows, 1, 1_000_000));
		check.field("concurrency", SettingText.outside(this.concurrency, 1, 64));
		check.group("queue", this.queue.problems());
		check.field("maxBatchWait", SettingText.notPositive(this.maxBatchWait));
		check.field("pollInterval", SettingText.notPositive(this.pollInterval));
		check.field("pollIntervalMax", SettingText.notPositive(this.pollIntervalMax));
		check.field("pollingTimeout", SettingText.notPositive(this.pollingTimeout));
		check.field("shutdownTimeout", SettingText.notPositive(this.shutdownTimeout));
		if (this.pollIntervalMax.compareTo(this.pollInterval) < 0) {
			check.field("pollIntervalMax",
					"must not be shorter than RABBITMQ_POLL_INTERVAL (" + this.pollInterval.toMillis() + "ms)");
		}
		check.group("postgres", this.postgres.problems());
		check.field("applyMigrations", SettingText.missing(this.applyMigrations));
		check.field("exitWithParent", SettingText.missing(this.exitWithParent));
		check.field("exitWhenIdle", SettingText.missing(this.exitWhenIdle));
		check.field("startupTimeout", SettingText.missing(this.startupTimeout));
		check.field("partitionInterval", SettingText.notPositive(this.partitionInterval));
		check.field("retention", SettingText.missing(this.retention));
		check.field("rabbitmqTls.trustStore", SettingText.unreadable(this.rabbitmqTls.trustStore()));
	}

	/** Returns where PostgreSQL is, as the rest of the project describes it. */
	public DatabaseSettings database() {
		return this.postgres.settings();
	}

	/**
	 * Returns where RabbitMQ is, as Spring Boot was told, and TLS as these settings say.
	 */
	public BrokerSettings broker(RabbitProperties rabbit) {
		return this.rabbitmqTls.broker(rabbit.determineAddresses(), rabbit.determineUsername(),
				rabbit.determinePassword());
	}

	/** Returns the queues to poll. */
	public QueueTopology topology() {
		return this.queue;
	}

	/** Returns where to write the port, if anywhere. */
	public Path portFilePath() {
		String file = SettingText.blankToNull(this.portFile);
		return (file != null) ? Path.of(file) : null;
	}

}
