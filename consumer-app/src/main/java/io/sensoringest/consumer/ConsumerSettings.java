package io.sensoringest.consumer;

import java.nio.file.Path;
import java.time.Duration;

import io.sensoringest.contract.BrokerSettings;
import io.sensoringest.contract.DatabaseSettings;
import io.sensoringest.contract.InvalidSettingException;
import io.sensoringest.contract.QueueTopology;
import io.sensoringest.contract.Settings;

/**
 * Everything the consumer is told, read and checked before anything starts.
 *
 * @param database where PostgreSQL is
 * @param broker where RabbitMQ is
 * @param topology the queues to poll
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
 * @param httpPort metrics and health port; 0 picks a free one
 * ({@code CONSUMER_HTTP_PORT})
 * @param applyMigrations whether to apply the migrations at start-up; off for a role that
 * may only write rows ({@code CONSUMER_APPLY_MIGRATIONS})
 * @param startupTimeout how long to wait at start-up for servers that do not answer yet
 * ({@code CONSUMER_STARTUP_TIMEOUT})
 * @param exitWithParent stop, as on SIGTERM, once the process that started this one is
 * gone ({@code CONSUMER_EXIT_WITH_PARENT}), so that no consumer outlives the command that
 * runs it
 * @param portFile where to write the metrics and health port once it is open, or
 * {@code null} ({@code CONSUMER_PORT_FILE})
 */
public record ConsumerSettings(DatabaseSettings database, BrokerSettings broker, QueueTopology topology, int batchRows,
		Duration maxBatchWait, Duration pollInterval, Duration pollIntervalMax, Duration pollingTimeout,
		int concurrency, Duration shutdownTimeout, Duration exitWhenIdle, int httpPort, boolean applyMigrations,
		Duration startupTimeout, boolean exitWithParent, Path portFile) {

	/**
	 * Reads the settings.
	 * @throws InvalidSettingException naming the first setting that is missing or
	 * unusable
	 */
	public static ConsumerSettings from(Settings settings) {
		Duration pollInterval = positive(settings, "RABBITMQ_POLL_INTERVAL");
		Duration pollIntervalMax = positive(settings, "RABBITMQ_POLL_INTERVAL_MAX");
		if (pollIntervalMax.compareTo(pollInterval) < 0) {
			throw new InvalidSettingException("RABBITMQ_POLL_INTERVAL_MAX", settings.get("RABBITMQ_POLL_INTERVAL_MAX"),
					"must not be shorter than RABBITMQ_POLL_INTERVAL=" + settings.get("RABBITMQ_POLL_INTERVAL"));
		}
		return new ConsumerSettings(DatabaseSettings.from(settings), BrokerSettings.from(settings),
				QueueTopology.from(settings), settings.integer("POSTGRES_BATCH_UPSERT_SIZE", 1, 1_000_000),
				positive(settings, "CONSUMER_MAX_BATCH_WAIT"), pollInterval, pollIntervalMax,
				positive(settings, "RABBITMQ_POLLING_TIMEOUT"), settings.integer("CONSUMER_CONCURRENCY", 1, 64),
				positive(settings, "CONSUMER_SHUTDOWN_TIMEOUT"), settings.duration("CONSUMER_EXIT_WHEN_IDLE"),
				settings.port("CONSUMER_HTTP_PORT"), settings.flag("CONSUMER_APPLY_MIGRATIONS"),
				settings.duration("CONSUMER_STARTUP_TIMEOUT"),
				settings.find("CONSUMER_EXIT_WITH_PARENT").isPresent() && settings.flag("CONSUMER_EXIT_WITH_PARENT"),
				settings.find("CONSUMER_PORT_FILE").map(Path::of).orElse(null));
	}

	private static Duration positive(Settings settings, String name) {
		Duration value = settings.duration(name);
		if (value.isZero()) {
			throw new InvalidSettingException(name, settings.get(name), "must be longer than zero");
		}
		return value;
	}

}
